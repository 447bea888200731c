import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, runCli } from "../../src/cli/run.js";
import { book } from "../helpers/book.js";

const reference = JSON.parse(readFileSync(new URL("../../data/windows-ami-ports.json", import.meta.url), "utf8"));
const BIN = fileURLToPath(new URL("../../dist/cli/amiport.cjs", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));

function run(args: string[], env: Record<string, string> = {}, isTTY = false) {
  let out = "";
  let err = "";
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY, env }, "9.9.9", book);
  return { code, out, err };
}

const JSON_FIELDS = [
  "id",
  "section",
  "os",
  "rule",
  "definition",
  "local",
  "remote",
  "protocol",
  "direction",
  "source",
  "url",
  "notes",
];

describe("amiport (in process)", () => {
  it("prints readable cards with the gist, the source and the attribution", () => {
    const { code, out, err } = run(["5985"]);
    expect(code).toBe(EXIT.results);
    expect(err).toBe("");
    expect(out).toContain("Understood: port 5985");
    expect(out).toContain("Windows Remote Management (HTTP-In)\n  TCP 5985 in · Windows Server 2012 to 2022");
    expect(out).toContain("AWS page, April 2022 version");
    expect(out).toContain("#remote-management");
    expect(out).toContain("License: CC BY-SA 4.0");
    expect(out).not.toMatch(/\u001b\[/);
  });

  it("shows the telemetry rules' sourced note, with its source, on the card and in JSON", () => {
    const { out } = run(["--no-color", "telemetry", "2016"]);
    expect(out).toContain("Note: AWS disables the Connected User Experiences and Telemetry service");
    expect(out).toMatch(/\(Source: Amazon Web Services, [^)]*windows-ami-versions\.html\)/);
    const json = JSON.parse(run(["--json", "telemetry", "2016"]).out);
    expect(json.results[0].notes.join(" ")).toContain("Source: Amazon Web Services");
  });

  it("shows what the AWS page prints where a correction applies", () => {
    const { out } = run(["23555"]);
    expect(out).toContain("local 23554, 23555, 23556");
    expect(out).toContain("Corrected: The AWS page prints '235, 542, 355, 523, 556'; the rule's own description");
    expect(out.match(/235, 542/g)).toHaveLength(1);
  });

  it("colours on a TTY unless NO_COLOR or --no-color", () => {
    expect(run(["5985"], {}, true).out).toMatch(/\u001b\[/);
    expect(run(["5985"], { NO_COLOR: "1" }, true).out).not.toMatch(/\u001b\[/);
    expect(run(["--no-color", "5985"], {}, true).out).not.toMatch(/\u001b\[/);
  });

  it("--json gives one object with the documented fields, in rank order", () => {
    const { code, out } = run(["--json", "135"]);
    expect(code).toBe(EXIT.results);
    const answer = JSON.parse(out);
    expect(Object.keys(answer).sort()).toEqual(["found", "notices", "query", "registered", "results", "total", "understood"]);
    expect(answer.found).toEqual([]);
    expect(answer.query).toBe("135");
    expect(answer.understood.summary).toBe("port 135");
    expect(answer.results.map((r: { matched: { by: string }[] }) => r.matched[0]?.by)).toEqual([
      "port",
      "port",
      "keyword",
      "keyword",
    ]);
    for (const r of answer.results) for (const field of [...JSON_FIELDS, "matched"]) expect(r).toHaveProperty(field);
  });

  it("--json carries `published` only where a correction applies", () => {
    const corrected = JSON.parse(run(["--json", "--limit", "0", "icmpv6 2012"]).out).results;
    expect(corrected.length).toBeGreaterThan(0);
    for (const r of corrected) {
      expect(r.published).toBeDefined();
      expect([r.local, r.remote]).toEqual([null, null]);
      expect(r.correction).toMatch(/has no ports/);
    }
    const plain = JSON.parse(run(["--json", "5985"]).out).results;
    for (const r of plain) expect(r).not.toHaveProperty("published");
  });

  it("--json --all lists every rule in data order", () => {
    const { code, out } = run(["--json", "--all"]);
    expect(code).toBe(EXIT.results);
    const rules = JSON.parse(out);
    expect(rules.map((r: { id: string }) => r.id)).toEqual(reference.rules.map((r: { id: string }) => r.id));
    for (const r of rules) for (const field of JSON_FIELDS) expect(r).toHaveProperty(field);
    const rtsp = rules.find((r: { id: string }) => r.id.startsWith("cast-to-device-streaming-server-rtsp"));
    expect(rtsp.local).toBe("23554, 23555, 23556");
    expect(rtsp.published).toEqual({ local: "235, 542, 355, 523, 556" });
  });

  it("--limit cuts the list and says how many there are", () => {
    const json = JSON.parse(run(["--json", "--limit", "3", "icmp"]).out);
    expect(json.results).toHaveLength(3);
    expect(json.total).toBeGreaterThan(3);
    expect(run(["--cards", "--limit", "2", "icmp"]).out).toContain(`2 of ${json.total} rules shown`);
  });

  it("--json names IANA's registration of a port no rule uses, apart from the results", () => {
    const { code, out } = run(["--json", "5986"]);
    expect(code).toBe(EXIT.none);
    const answer = JSON.parse(out);
    expect(answer.results).toEqual([]);
    expect(answer.registered).toEqual([
      { port: 5986, protocol: "tcp", service: "wsmans", description: "WBEM WS-Management HTTP over TLS/SSL" },
    ]);
    expect(answer).not.toHaveProperty("commands");
    expect(JSON.parse(run(["--json", "5985"]).out).registered).toEqual([]);
  });

  it("--commands adds the commands to run next, on each result and for ports no rule uses", () => {
    const json = JSON.parse(run(["--json", "--commands", "5985-5986"]).out);
    for (const result of json.results) {
      expect(result.commands.map((c: { purpose: string }) => c.purpose)).toEqual(["check", "check", "test", "check", "open"]);
      for (const c of result.commands) expect(Object.keys(c).sort()).toEqual(["command", "purpose", "shell"]);
    }
    expect(json.commands.map((c: { command: string }) => c.command)).toContain(
      "New-NetFirewallRule -DisplayName 'Allow TCP 5986 in' -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow",
    );
    const rpc = JSON.parse(run(["--json", "--commands", "--limit", "0", "50000"]).out).results.find(
      (r: { local: string }) => r.local === "RPC",
    );
    expect(rpc.commandNote).toMatch(/49152-65535/);
    expect(rpc.commands.map((c: { purpose: string }) => c.purpose)).not.toContain("open");

    const text = run(["--commands", "5986"]).out;
    expect(text).toContain(
      "open (aws-cli): aws ec2 authorize-security-group-ingress --group-id <sg-id> --protocol tcp --port 5986",
    );
    expect(text).toContain("Both layers must allow it");
    expect(run(["5986"]).out).not.toContain("New-NetFirewallRule");
  });

  it("--os, --protocol and --direction filter like the words do", () => {
    const flags = JSON.parse(run(["--json", "--limit", "0", "--os", "2022", "--protocol", "udp", "--direction", "in"]).out);
    const words = JSON.parse(run(["--json", "--limit", "0", "inbound udp 2022"]).out);
    expect(flags.results.map((r: { id: string }) => r.id)).toEqual(words.results.map((r: { id: string }) => r.id));
    expect(flags.understood.summary).toBe("UDP · inbound · Windows Server 2022");
    expect(JSON.parse(run(["--json", "--os", "2012r2", "rdp"]).out).understood.versions).toEqual(["Windows Server 2012 R2"]);
  });

  it("exits 1 with a helpful message when nothing matches", () => {
    const { code, out } = run(["8080"]);
    expect(code).toBe(EXIT.none);
    expect(out).toContain("No default Windows Firewall rule on AWS Windows AMIs opens TCP 8080. IANA registers it as http-alt");
    const bad = run(["port", "70000"]);
    expect(bad.code).toBe(EXIT.none);
    expect(bad.out).toContain("70000 is not a port: ports go from 0 to 65535.");
    const unlisted = run(["--os", "2025", "rdp"]).out;
    expect(unlisted).toContain(
      `AWS's page does not list Windows Server 2025 yet (retrieved ${book.attribution.retrieved}); the nearest it lists is 2022.`,
    );
    expect(unlisted).toContain("Try: amiport rdp 2022");
  });

  it.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--limit", "x", "rdp"], /--limit takes a whole number/],
    [["--os", "banana", "rdp"], /--os "banana" is not understood/],
    [["--protocol", "sctp", "rdp"], /--protocol "sctp" is not understood/],
    [["--direction", "sideways"], /--direction "sideways" is not understood/],
    [[], /ask a question/],
    [["--all", "rdp"], /--all lists every rule/],
  ])("exits 2 on a usage error: %j", (args, message) => {
    const { code, err, out } = run(args);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).toBe("");
  });

  it("--help and --version", () => {
    expect(run(["--help"]).out).toContain("amiport [options] <question...>");
    expect(run(["-v"]).out).toBe(`amiport 9.9.9 (rules from the AWS page retrieved ${reference.retrieved})\n`);
  });
});

describe("amiport (the built command)", () => {
  const exec = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("answers a question and exits 0", () => {
    const result = exec(["what", "does", "Windows", "2019", "need", "for", "telemetry"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Connected User Experiences and Telemetry");
    expect(result.stdout).toContain("Understood: Windows Server 2019 · “telemetry”");
  });

  it("prints its package version", () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(exec(["--version"]).stdout).toBe(`amiport ${version} (rules from the AWS page retrieved ${reference.retrieved})\n`);
  });

  describe("installed with broken data", () => {
    const installs: string[] = [];
    afterAll(() => {
      for (const dir of installs) rmSync(dir, { recursive: true, force: true });
    });

    /** A copy of the built command beside a data/ that `breakData` has damaged, as a bad install would have it. */
    const brokenInstall = (breakData: (portsFile: string) => void) => {
      const root = mkdtempSync(join(tmpdir(), "amiport-broken-"));
      installs.push(root);
      for (const part of ["dist", "data", "package.json"]) cpSync(join(REPO, part), join(root, part), { recursive: true });
      symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
      const portsFile = join(root, "data", "windows-ami-ports.json");
      breakData(portsFile);
      return { bin: join(root, "dist", "cli", "main.js"), portsFile };
    };

    it.each([
      [
        "a rule with an unknown protocol",
        (file: string) => {
          const ports = JSON.parse(readFileSync(file, "utf8"));
          ports.rules[3].protocol = "SCTP";
          writeFileSync(file, JSON.stringify(ports));
        },
        'rule "alljoyn-router-udp-out.2016-2019-2022", field "protocol": ',
      ],
      ["a file that is not JSON", (file: string) => writeFileSync(file, "{ not json"), "cannot be read as JSON"],
    ])("exits non-zero with one clear message: %s", (_name, breakData, problem) => {
      const { bin, portsFile } = brokenInstall(breakData);
      const result = spawnSync(process.execPath, [bin, "5985"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      // neither "results" nor "no results": a script must not read broken data as an answer
      expect(result.status).not.toBe(EXIT.results);
      expect(result.status).not.toBe(EXIT.none);
      expect(result.stderr.startsWith(`amiport: the rule data is broken: ${portsFile}: ${problem}`), result.stderr).toBe(true);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stdout).toBe("");
      // --version still answers, and says the data is broken instead of a date
      const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
      expect(version.status).toBe(EXIT.results);
      expect(version.stdout).toMatch(/^amiport \S+ \(the rule data is broken; any question says how\)\n$/);
    });
  });

  it("survives binary input with a friendly answer", () => {
    const result = exec(["\u0001\u0002\ufffd\ufffd"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("doesn't look like text");
    expect(result.stderr).toBe("");
  });
});

describe("amiport diff and the port map", () => {
  it("diff prints counts, then the differences by section, with notes and corrections", () => {
    const { code, out } = run(["diff", "2016", "2019"]);
    expect(code).toBe(EXIT.results);
    expect(out).toContain("Windows Server 2016 → 2019\n\n6 only on 2019 · 0 only on 2016 · 3 changed · 59 the same");
    expect(out).toContain("Diag Track\n  ~ Connected User Experiences and Telemetry  TCP 443 out (remote any → 443)");
    expect(out).toContain("Note: Windows shows this rule as 'Delivery Optimization (TCP-In)'.");
    expect(out).toContain("  ? DFS Management (TCP-In)");
    expect(run(["diff", "2012r2", "2022"]).out).toContain("Corrected: The AWS page prints '235, 542, 355, 523, 556'");
  });

  it.each([
    ["what", "changed", "between", "2012", "R2", "and", "2022"],
    ["2012r2", "vs", "2022"],
  ])("reads the natural forms too: %j", (...args) => {
    expect(run(args).out).toContain("Windows Server 2012 R2 → 2022");
  });

  it("--json gives { from, to, added, removed, changed, same, unstated } with rules as in --json --all", () => {
    const { code, out } = run(["--json", "diff", "2016", "2019"]);
    expect(code).toBe(EXIT.results);
    const diff = JSON.parse(out);
    expect(Object.keys(diff)).toEqual(["from", "to", "added", "removed", "changed", "same", "unstated"]);
    expect([diff.from, diff.to, diff.same]).toEqual(["Windows Server 2016", "Windows Server 2019", 59]);
    const all = JSON.parse(run(["--json", "--all"]).out);
    const byId = new Map(all.map((r: { id: string }) => [r.id, r]));
    for (const r of [...diff.added, ...diff.removed, ...diff.unstated]) expect(r).toEqual(byId.get(r.id));
    expect(diff.changed[0]).toEqual({
      before: byId.get("connected-user-experiences-and-telemetry.2016"),
      after: byId.get("connected-user-experiences-and-telemetry.2019-2022"),
      fields: ["remote"],
    });
  });

  it.each([
    [
      ["diff", "2016", "2025"],
      /does not list Windows Server 2025 yet \(retrieved [^)]+\); the nearest it lists is 2022\. Try 'diff 2016 2022'\. The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022\./,
    ],
    [["diff", "2016"], /Name two Windows Server versions to compare.*The data knows/],
    // after `diff` both arguments are versions: a year the data lacks is no port, a word no search
    [["diff", "2012r2", "2030"], /“2030”.*The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022\./],
    [["diff", "2016", "banana"], /“banana”.*The data knows 2008 R2, 2008 SP2, 2012, 2012 R2, 2016, 2019, 2022\./],
    [["diff", "banana", "2016"], /“banana”.*The data knows/],
    [["diff", "2016", "2022", "smb"], /“smb”.*The data knows/],
    [["--json", "diff", "2016", "3389"], /“3389”.*The data knows/],
    [["diff"], /Name two Windows Server versions/],
    [
      ["--protocol", "udp", "diff", "2016", "2022"],
      /a comparison takes two versions, and protocols or directions in the question/,
    ],
  ])("an unknown or missing version exits 2 and lists the known ones: %j", (args, message) => {
    const { code, err, out } = run(args);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(message);
    expect(out).toBe("");
  });

  it("a comparison narrowed to inbound says so and counts only inbound rules", () => {
    const json = JSON.parse(run(["--json", "what", "changes", "inbound", "moving", "from", "2016", "to", "2022"]).out);
    expect(json.filter).toEqual({ protocols: [], directions: ["In"] });
    for (const r of [...json.added, ...json.removed, ...json.unstated]) expect(r.direction).toBe("In");
    expect(run(["diff", "2016", "2022", "inbound"]).out).toMatch(/^Windows Server 2016 → 2022 · inbound\n/);
  });

  it("filters alone print a port map; --cards prints the cards; --json keeps the result list", () => {
    const map = run(["2022", "inbound"]);
    expect(map.code).toBe(EXIT.results);
    expect(map.out).toMatch(/\nTCP +3389 +in {2}Remote Desktop - User Mode \(TCP-In\)\n/);
    expect(map.out).not.toContain("Inbound rule for the Remote Desktop service");
    const cards = run(["--cards", "--limit", "0", "2022", "inbound"]);
    expect(cards.out).toContain("Remote Desktop - User Mode (TCP-In)\n  TCP 3389 in");
    const json = JSON.parse(run(["--json", "--limit", "0", "2022", "inbound"]).out);
    expect(json.results.length).toBe(json.total);
  });
});

describe("amiport - (pasted text on standard input, the built command)", () => {
  const pipe = (input: string | Buffer, args: string[] = []) =>
    spawnSync(process.execPath, [BIN, ...args, "-"], { input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const LOG = "2026-11-27T01:02:03Z ERROR connect 10.0.1.25:5986 refused\nrdp session on port 3389 timed out, user logged in\n";

  it("reads the ports out of the text and answers each, exit 0", () => {
    const result = pipe(LOG);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Found in the message: 10.0.1.25:5986, port 3389");
    expect(result.stdout).toContain("Port 3389 · 4 rules · found as port 3389\n  • Remote Desktop - User Mode (TCP-In)");
    expect(result.stdout).toContain(
      "No default Windows Firewall rule on AWS Windows AMIs opens TCP 5986. IANA registers it as wsmans",
    );
  });

  it("--json adds what was found, each with its snippet, how it was written and its side, and the answer per port", () => {
    const answer = JSON.parse(pipe(LOG, ["--json"]).stdout);
    expect(answer.found).toEqual([
      { port: 5986, snippet: "10.0.1.25:5986", how: "written", side: "destination" },
      { port: 3389, snippet: "port 3389", how: "written", side: "destination" },
    ]);
    expect(answer.byPort.map((g: { port: number; total: number }) => [g.port, g.total])).toEqual([
      [3389, 4],
      [5986, 0],
    ]);
    expect(answer.understood.directions).toEqual([]);
  });

  it("exits 1 when the text names only ports no rule uses", () => {
    const result = pipe("Test-NetConnection web01 -Port 5986\nTcpTestSucceeded : False\n");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("Found in the message: -Port 5986");
  });

  it.each([
    ["empty input", "", /standard input is empty/],
    ["blank input", " \n\t\n", /standard input is empty/],
    ["binary input", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x89, 0x50]), /standard input is not text/],
    ["NUL bytes", Buffer.from("port 3389\u0000\u0000"), /standard input is not text/],
  ])("exits 2 with a friendly message on %s", (_name, input, message) => {
    const result = pipe(input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });

  it("reads no more than the core does, and says the message was cut", () => {
    const result = pipe(`port 3389\n${"x ".repeat(150_000)}port 5985\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("longer than 40000 characters");
    expect(result.stdout).not.toContain("5985");
  });
});
