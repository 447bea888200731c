import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataError, DEFAULT_DATA_DIR, loadRuleBook } from "../../src/core/index.js";

const reference = JSON.parse(readFileSync(new URL("../../../shared/reference/windows-ami-ports.json", import.meta.url), "utf8"));
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

  it("holds all 149 rows of the reference with their ids, in order", () => {
    expect(book.rules).toHaveLength(149);
    expect(book.rules.map((r) => r.id)).toEqual(reference.rules.map((r: { id: string }) => r.id));
  });

  it("keeps every correction, note and source of the reference", () => {
    const corrected = book.rules.filter((r) => r.correction);
    expect(corrected).toHaveLength(reference.rules.filter((r: { correction?: unknown }) => r.correction).length);
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

describe("the build's data stamp", () => {
  it("the compiled code, trusting the stamp, loads the same book as a full check", async () => {
    const stamp = JSON.parse(readFileSync(new URL("../../dist/data-stamp.json", import.meta.url), "utf8"));
    expect(Object.keys(stamp).sort()).toEqual(["portsFile", "realWordsFile", "vocabularyFile"]);
    const compiled = await import(new URL("../../dist/core/index.js", import.meta.url).href);
    const fast = compiled.loadRuleBook();
    const checked = loadRuleBook();
    expect(JSON.stringify(fast.rules)).toEqual(JSON.stringify(checked.rules));
    expect([...fast.realWords]).toEqual([...checked.realWords]);
  });

  it("a changed file is checked in full by the compiled code too", async () => {
    const compiled = await import(new URL("../../dist/core/index.js", import.meta.url).href);
    const dir = brokenCopy((ports) => {
      ports.rules[0].protocol = "SCTP";
    });
    expect(() => compiled.loadRuleBook(dir)).toThrow(/windows-ami-ports\.json: rule "[^"]+", field "protocol"/);
  });
});
