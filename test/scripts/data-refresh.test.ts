import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { REFRESH_EXIT, runDataRefresh } from "../../scripts/data-refresh.js";
import { DEFAULT_DATA_DIR, loadRuleBook } from "../../src/core/rule-book.js";
import { fixture, fixturePath } from "../helpers/aws-page.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "amiport-refresh-"));
  dirs.push(dir);
  return dir;
}

function dataCopy(): string {
  const dir = tempDir();
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  return dir;
}

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runDataRefresh(argv, { out: (t) => (out += t), err: (t) => (err += t), today: () => "2026-11-28" });
  return { code, out, err };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm run data:refresh", () => {
  it("exits 0 and says so when the page matches data/", () => {
    const { code, out } = run(["--from", fixturePath("current.md"), "--data", dataCopy()]);
    expect(code).toBe(REFRESH_EXIT.same);
    expect(out).toContain("No differences");
    expect(out).toContain("39 of amiport's corrections still needed");
  });

  it("exits 1 and prints the differences of the 2019 page, writing nothing", () => {
    const dir = dataCopy();
    const before = readFileSync(join(dir, "windows-ami-ports.json"), "utf8");
    const { code, out } = run(["--from", fixturePath("2019-08-13.md"), "--data", dir]);
    expect(code).toBe(REFRESH_EXIT.differs);
    expect(out).toContain("- microsoft-edge-mdns-in.2022");
    expect(out).toContain("Windows Server versions removed (1):\n  - Windows Server 2022");
    expect(out).toContain("Nothing written");
    expect(readFileSync(join(dir, "windows-ami-ports.json"), "utf8")).toBe(before);
  });

  it("--json gives rules, sections, versions and corrections", () => {
    const { code, out } = run(["--from", fixturePath("2019-08-13.md"), "--data", dataCopy(), "--json"]);
    expect(code).toBe(REFRESH_EXIT.differs);
    const json = JSON.parse(out);
    expect(Object.keys(json.rules)).toEqual(["added", "removed", "changed"]);
    expect(json.sections.removed).toContain("Microsoft Edge");
    expect(json.versions.removed).toEqual(["Windows Server 2022"]);
    expect(json.corrections).toEqual([{ id: "all-icmp-v4.2012-2012r2", status: "still-needed" }]);
    expect(json.rules.changed.find((c: { id: string }) => c.id === "dial-protocol-server-http-in.2016-2019-2022")).toEqual({
      id: "dial-protocol-server-http-in.2016-2019-2022",
      fields: ["os"],
      before: { os: ["Windows Server 2016", "Windows Server 2019", "Windows Server 2022"] },
      after: { os: ["Windows Server 2016", "Windows Server 2019"] },
    });
  });

  it.each([
    ["an empty file", "", "the file is empty"],
    ["a binary file", "\u0000\u0001PNG", "binary"],
    ["another AWS page", "# Amazon EC2 security groups for your EC2 instances\n\nText.\n", "not the AWS page"],
  ])("exits 2 with one clear line for %s", (_label, content, reason) => {
    const page = join(tempDir(), "page.md");
    writeFileSync(page, content);
    const { code, out, err } = run(["--from", page, "--data", dataCopy()]);
    expect(code).toBe(REFRESH_EXIT.unreadable);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain(reason);
  });

  it("exits 2 for a file that is not UTF-8, one too large, a missing one, and no --from", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "latin1.md"), Buffer.from([0x23, 0x20, 0xe9, 0xe9, 0x0a]));
    writeFileSync(join(dir, "huge.md"), Buffer.alloc(2 * 1024 * 1024, 0x61));
    expect(run(["--from", join(dir, "latin1.md")]).err).toContain("not UTF-8");
    expect(run(["--from", join(dir, "huge.md")]).err).toContain("over");
    expect(run(["--from", join(dir, "missing.md")]).err).toContain("ENOENT");
    expect(run([]).code).toBe(REFRESH_EXIT.unreadable);
    expect(run(["--from", fixturePath("current.md"), "--retrieved", "yesterday"]).code).toBe(REFRESH_EXIT.unreadable);
  });

  it("--write rewrites data/ in its order and format, with the retrieval date, the page digest and a new stamp", () => {
    const dir = dataCopy();
    const stamp = join(tempDir(), "data-stamp.json");
    const before = readFileSync(join(dir, "windows-ami-ports.json"), "utf8");
    let page = fixture("current.md");
    page = page.replace("Local: 5985<br />Remote: Any", "Local: 5985, 5986<br />Remote: Any");
    const pagePath = join(tempDir(), "page.md");
    writeFileSync(pagePath, page);

    const { code } = run(["--from", pagePath, "--data", dir, "--write", "--stamp", stamp, "--retrieved", "2026-12-01"]);
    expect(code).toBe(REFRESH_EXIT.differs);
    const written = readFileSync(join(dir, "windows-ami-ports.json"), "utf8");
    const file = JSON.parse(written);
    expect(file.retrieved).toBe("2026-12-01");
    expect(file.pageSha256).toBe(createHash("sha256").update(page).digest("hex"));
    expect(Object.keys(file).slice(0, 7)).toEqual(["title", "publisher", "url", "license", "retrieved", "pageSha256", "sources"]);
    // the one change, and nothing else: same text once the three changed values are put back
    const restored = written
      .replace(`"retrieved": "2026-12-01",\n "pageSha256": "${file.pageSha256}",`, '"retrieved": "2026-11-26",')
      .replace('"local": "5985, 5986"', '"local": "5985"');
    expect(restored).toBe(before);
    const stampFile = JSON.parse(readFileSync(stamp, "utf8"));
    // the stamp holds the checked text itself (the CLI compares texts at start, without node:crypto)
    expect(stampFile.portsFile).toBe(written);
    const book = loadRuleBook(dir);
    expect(book.rules.find((r) => r.id === "windows-remote-management-http-in.2012-2012r2-2016-2019-2022")?.local.text).toBe(
      "5985, 5986",
    );
    expect(book.attribution.retrieved).toBe("2026-12-01");

    // and the page now matches
    expect(run(["--from", pagePath, "--data", dir]).code).toBe(REFRESH_EXIT.same);
  });

  it("runs as the npm script, from the command line, with its exit status", () => {
    const ok = spawnSync("npm", ["run", "-s", "data:refresh", "--", "--from", fixturePath("current.md")], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("No differences");
    const bad = spawnSync(process.execPath, ["--import", "tsx", "scripts/data-refresh.ts", "--from", join(repo, "README.md")], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("not the AWS page");
  });
});
