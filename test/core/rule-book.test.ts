import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataError, DEFAULT_DATA_DIR, loadRuleBook } from "../../src/core/index.js";

/**
 * data/windows-ami-ports.json is a copy of the project's checked reference file (retrieved
 * 2026-11-26). Its digest is pinned here, so the check needs nothing outside the repository:
 * sha256 of the file as compact JSON, so line endings and indentation do not count.
 */
const REFERENCE_DIGEST = "ba96881553620e6cfc3e521540684e5bfa172a108a404c1f93e3da7646a2d34c";
/** Where the team's machines keep the reference itself; a plain clone has nothing there. */
const SHARED_REFERENCE = new URL("../../../shared/reference/windows-ami-ports.json", import.meta.url);

const jsonDigest = (text: string) =>
  createHash("sha256")
    .update(JSON.stringify(JSON.parse(text)))
    .digest("hex");
const dataText = readFileSync(join(DEFAULT_DATA_DIR, "windows-ami-ports.json"), "utf8");
const reference = JSON.parse(dataText);
const dirs: string[] = [];

function brokenCopy(edit: (ports: any, vocabulary: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "amiport-data-"));
  dirs.push(dir);
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  const ports = JSON.parse(readFileSync(join(dir, "windows-ami-ports.json"), "utf8"));
  const vocabulary = JSON.parse(readFileSync(join(dir, "vocabulary.json"), "utf8"));
  edit(ports, vocabulary);
  writeFileSync(join(dir, "windows-ami-ports.json"), JSON.stringify(ports));
  writeFileSync(join(dir, "vocabulary.json"), JSON.stringify(vocabulary));
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("data/", () => {
  const book = loadRuleBook();

  it("is the checked reference, unchanged", () => {
    expect(jsonDigest(dataText)).toBe(REFERENCE_DIGEST);
  });

  it.skipIf(!existsSync(SHARED_REFERENCE))("pins the reference beside the repository, where there is one", () => {
    expect(jsonDigest(readFileSync(SHARED_REFERENCE, "utf8"))).toBe(REFERENCE_DIGEST);
  });

  it("holds all 149 rows of the reference with their ids, in order", () => {
    expect(book.rules).toHaveLength(149);
    expect(book.rules.map((r) => r.id)).toEqual(reference.rules.map((r: { id: string }) => r.id));
  });

  it("keeps every correction, note and source of the reference", () => {
    const corrected = book.rules.filter((r) => r.correction);
    expect(corrected).toHaveLength(39);
    reference.rules.forEach((row: any, i: number) => {
      const rule = book.rules[i]!;
      expect(rule.notes).toEqual(row.notes ?? []);
      expect(rule.source).toBe(row.source);
      expect(rule.correction).toBe(row.correction?.reason);
      const local = row.correction && "local" in row.correction ? row.correction.local : row.local;
      expect(rule.local.text).toBe(local);
    });
  });

  it("keeps the attribution and links each rule to its section", () => {
    expect(book.attribution).toMatchObject({ title: reference.title, url: reference.url });
    expect(book.attribution.license).toMatch(/CC BY-SA 4\.0/);
    const winrm = book.rules.find((r) => r.section === "Windows Remote Management");
    expect(winrm?.url).toBe(`${reference.url}#remote-management`);
  });
});

describe("loadRuleBook with a broken file", () => {
  it("names the file, the rule id and the field", () => {
    const dir = brokenCopy((ports) => {
      ports.rules[3].protocol = "SCTP";
    });
    expect(() => loadRuleBook(dir)).toThrow(DataError);
    expect(() => loadRuleBook(dir)).toThrow(
      new RegExp(`${join(dir, "windows-ami-ports.json")}: rule "alljoyn-router-udp-out.2016-2019-2022", field "protocol"`),
    );
  });

  it("rejects a port cell that is not a port", () => {
    const dir = brokenCopy((ports) => {
      ports.rules[0].local = "99999";
    });
    expect(() => loadRuleBook(dir)).toThrow(/rule "alljoyn-router-tcp-in.2016-2019-2022", field "local"/);
  });

  it("rejects a duplicate id", () => {
    const dir = brokenCopy((ports) => {
      ports.rules[1].id = ports.rules[0].id;
    });
    expect(() => loadRuleBook(dir)).toThrow(/field "id": appears twice/);
  });

  it("rejects a vocabulary tag that matches no rule", () => {
    const dir = brokenCopy((_ports, vocabulary) => {
      vocabulary.tags.push({ section: "Nonexistent", words: ["x"] });
    });
    expect(() => loadRuleBook(dir)).toThrow(/vocabulary\.json: field "tags\.\d+": "Nonexistent" matches no rule/);
  });

  it("says when a file is not JSON", () => {
    const dir = brokenCopy(() => {});
    writeFileSync(join(dir, "windows-ami-ports.json"), "{ not json");
    expect(() => loadRuleBook(dir)).toThrow(/windows-ami-ports\.json: cannot be read as JSON/);
  });
});
