import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readDataStamp } from "../../src/core/data-stamp.js";
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

/**
 * data/ is the reference plus the facts amiport cites from other AWS pages: `noteSources` and the
 * notes that name one. Without them it must be the reference, byte for byte as compact JSON.
 */
function withoutSourcedNotes(text: string): string {
  const file = JSON.parse(text);
  delete file.noteSources;
  for (const row of file.rules) {
    if (!row.notes) continue;
    row.notes = row.notes.filter((note: unknown) => typeof note === "string");
    if (row.notes.length === 0) delete row.notes;
  }
  return JSON.stringify(file);
}
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
  // loaded in each test rather than once: the loader's work then belongs to the test that checks it
  let book: ReturnType<typeof loadRuleBook>;
  beforeEach(() => {
    book = loadRuleBook();
  });

  it("is the checked reference, unchanged apart from the notes sourced from other AWS pages", () => {
    expect(jsonDigest(withoutSourcedNotes(dataText))).toBe(REFERENCE_DIGEST);
  });

  it("shows AWS's own word beside the telemetry rules: the service is disabled on its AMIs", () => {
    const diagTrack = book.rules.filter((r) => r.section === "Diag Track");
    expect(diagTrack).toHaveLength(2);
    for (const rule of diagTrack) {
      const sourced = rule.notes.find((n) => n.source);
      expect(sourced?.text).toContain("Connected User Experiences and Telemetry service");
      expect(sourced?.source).toMatchObject({
        title: expect.stringContaining("Changes applied for AWS Windows AMIs"),
        url: expect.stringMatching(/^https:\/\/docs\.aws\.amazon\.com\//),
      });
    }
    expect(book.rules.filter((r) => r.notes.some((n) => n.source))).toHaveLength(2);
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
      expect(rule.notes.map((n) => (n.source ? n : n.text))).toEqual(
        (row.notes ?? []).map((n: string | { text: string }) =>
          typeof n === "string" ? n : expect.objectContaining({ text: n.text }),
        ),
      );
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
    // a section the current page has no anchor for links to the page itself
    const dfs = book.rules.find((r) => r.section === "Distributed File System (DFS) Management");
    expect(dfs?.url).toBe(reference.url);
    expect(book.sections.find((s) => s.name === dfs?.section)?.url).toBe(reference.url);
  });

  it("reads port keywords through the vocabulary's numbers", () => {
    const epmap = book.rules.find((r) => r.local.text === "RPC-EPMap");
    expect(epmap?.local).toEqual({
      text: "RPC-EPMap",
      ranges: [],
      keyword: { name: "RPC-EPMap", ranges: [{ from: 135, to: 135 }] },
    });
    // Teredo's port is dynamic: a keyword with no numbers behind it
    const teredo = book.rules.find((r) => r.local.text === "Teredo");
    expect(teredo?.local).toEqual({ text: "Teredo", ranges: [] });
  });

  it("attaches the vocabulary's words to the rules they name, in lower case", () => {
    const rdp = book.rules.find((r) => r.id === "remote-desktop-user-mode-tcp-in.2012r2-2016-2019-2022");
    expect(rdp?.tags).toEqual(expect.arrayContaining(["rdp", "mstsc"]));
    const winrm = book.rules.find((r) => r.section === "Windows Remote Management");
    expect(winrm?.tags).toContain("psremoting");
    expect(book.rules.find((r) => r.id === "wmi-in.2012-2012r2")?.tags).not.toContain("rdp");
    for (const rule of book.rules) for (const tag of rule.tags) expect(tag).toBe(tag.toLowerCase());
  });

  it("records what the page prints only for the fields a correction changes", () => {
    const mediaOut = book.rules.find((r) => r.id === "microsoft-media-foundation-network-source-out-tcp-all.2022");
    expect(mediaOut?.published).toEqual({ direction: "In" });
    for (const rule of book.rules.filter((r) => !r.correction)) expect(rule).not.toHaveProperty("published");
  });
});

describe("loadRuleBook with a broken file", () => {
  it("names the file, the rule id and the field", () => {
    const dir = brokenCopy((ports) => {
      ports.rules[3].protocol = "SCTP";
    });
    expect(() => loadRuleBook(dir)).toThrow(DataError);
    expect(() => loadRuleBook(dir)).toThrow(expect.objectContaining({ name: "DataError" }));
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

  it.each([
    [
      (ports: any) => ports.rules[2].os.push("Windows Server 2003"),
      /rule "alljoyn-router-udp-in.2016-2019-2022", field "os.3": "Windows Server 2003" is not in operatingSystems/,
    ],
    [
      (ports: any) => (ports.rules[2].section = "Nowhere"),
      /rule "alljoyn-router-udp-in.2016-2019-2022", field "section": "Nowhere" is not in sections/,
    ],
    [(ports: any) => delete ports.rules[2].id, /windows-ami-ports\.json: rule #3, field "id": /],
    [(ports: any) => (ports.rules[2] = "a row"), /windows-ami-ports\.json: rule #3, field "\(the row\)": /],
    [(ports: any) => delete ports.title, /windows-ami-ports\.json: field "title": /],
    [
      (ports: any) => (ports.rules[2].notes = [{ text: "A fact.", source: "nowhere" }]),
      /rule "alljoyn-router-udp-in.2016-2019-2022", field "notes\.0\.source": "nowhere" is not in noteSources/,
    ],
    [
      (ports: any) => (ports.rules[2].notes = [{ text: "A fact without its source." }]),
      /rule "alljoyn-router-udp-in.2016-2019-2022", field "notes\.0/,
    ],
    [(ports: any) => (ports.noteSources["aws-ami-changes"].url = "not a url"), /field "noteSources\.aws-ami-changes\.url"/],
    [(ports: any) => (ports.sections[1].name = ""), /windows-ami-ports\.json: field "sections\.1\.name": /],
    [
      (_ports: any, vocabulary: any) => vocabulary.tags.push({ section: "Remote Desktop", rule: "RDP", words: ["x"] }),
      /vocabulary\.json: field "tags\.\d+": a tag names either a section or a rule-name fragment/,
    ],
    [
      (_ports: any, vocabulary: any) => (vocabulary.keywordPorts.SSH = "22"),
      /vocabulary\.json: field "keywordPorts\.SSH": not a port keyword of windows-ami-ports\.json/,
    ],
    [
      (_ports: any, vocabulary: any) => (vocabulary.keywordPorts.RPC = "49152-70000"),
      /vocabulary\.json: field "keywordPorts\.RPC": 70000 is not a port/,
    ],
  ])("names the file and the field: %#", (edit, message) => {
    const dir = brokenCopy(edit);
    expect(() => loadRuleBook(dir)).toThrow(DataError);
    expect(() => loadRuleBook(dir)).toThrow(message);
  });

  it("says what is wrong with a file that is not an object", () => {
    const dir = brokenCopy(() => {});
    writeFileSync(join(dir, "vocabulary.json"), "[]");
    expect(() => loadRuleBook(dir)).toThrow(/vocabulary\.json: field "\(top level\)": /);
  });

  it("says when a file is not JSON", () => {
    const dir = brokenCopy(() => {});
    writeFileSync(join(dir, "windows-ami-ports.json"), "{ not json");
    expect(() => loadRuleBook(dir)).toThrow(/windows-ami-ports\.json: cannot be read as JSON/);
  });
});

describe("the build's data stamp", () => {
  /** A stamp file with `text` in a directory of its own. */
  function stampFile(text: string | undefined): string {
    const dir = mkdtempSync(join(tmpdir(), "amiport-stamp-"));
    dirs.push(dir);
    const path = join(dir, "data-stamp.json");
    if (text !== undefined) writeFileSync(path, text);
    return path;
  }

  it("reads the texts the build checked", () => {
    const stamp = { portsFile: '{ "rules": [] }', realWordsFile: '{ "words": [] }' };
    expect(readDataStamp(stampFile(JSON.stringify(stamp)))).toEqual(stamp);
  });

  it.each([
    ["no file", undefined],
    ["no JSON", "{ portsFile"],
    ["null", "null"],
    ["a number", "5"],
    ["a string", '"portsFile"'],
  ])("trusts no text when the stamp is %s", (_, text) => {
    expect(readDataStamp(stampFile(text))).toEqual({});
  });

  it("the compiled code, trusting the stamp, loads the same book as a full check", async () => {
    const stamp = JSON.parse(readFileSync(new URL("../../dist/data-stamp.json", import.meta.url), "utf8"));
    expect(Object.keys(stamp).sort()).toEqual(["commonWordsFile", "portsFile", "realWordsFile", "vocabularyFile"]);
    const compiled = await import(new URL("../../dist/core/index.js", import.meta.url).href);
    const fast = compiled.loadRuleBook();
    const checked = loadRuleBook();
    expect(JSON.stringify(fast.rules)).toEqual(JSON.stringify(checked.rules));
    expect([...fast.realWords]).toEqual([...checked.realWords]);
    expect([...fast.commonWords]).toEqual([...checked.commonWords]);
  });

  it("a changed file is checked in full by the compiled code too", async () => {
    const compiled = await import(new URL("../../dist/core/index.js", import.meta.url).href);
    const dir = brokenCopy((ports) => {
      ports.rules[0].protocol = "SCTP";
    });
    expect(() => compiled.loadRuleBook(dir)).toThrow(/windows-ami-ports\.json: rule "[^"]+", field "protocol"/);
  });
});
