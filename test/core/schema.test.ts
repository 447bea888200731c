import { describe, expect, it } from "vitest";
import * as z from "zod";
import { buildSchemas } from "../../src/core/schema.js";

/**
 * The schemas are built in each test, not taken from dataSchemas(): that one is built once per
 * process, so a mutant in it would count only for the first test that happened to load data.
 */
const schemas = () => buildSchemas(z);

/** A row as data/windows-ami-ports.json has it (its first rule). */
function row(changes: Record<string, unknown> = {}) {
  return {
    id: "alljoyn-router-tcp-in.2016-2019-2022",
    section: "AllJoyn Router",
    os: ["Windows Server 2016", "Windows Server 2019", "Windows Server 2022"],
    rule: "AllJoyn Router (TCP-In)",
    definition: "Inbound rule for AllJoyn Router traffic [TCP]",
    local: "9955",
    remote: "Any",
    protocol: "TCP",
    direction: "In",
    source: "aws-current",
    ...changes,
  };
}

/** A ports file with one rule, in the shape of data/windows-ami-ports.json. */
function portsFile(changes: Record<string, unknown> = {}) {
  return {
    title: "Windows Firewall rules of AWS Windows AMIs",
    publisher: "Amazon Web Services",
    url: "https://docs.aws.amazon.com/ec2/latest/windows-ami-reference/windows-firewall.html",
    license: "CC BY-SA 4.0",
    retrieved: "2026-11-26",
    // a record of every source: zod's record of an enum wants all its keys
    sources: {
      "aws-current": "The current page",
      "aws-2022-04": "The page of April 2022",
      "windows-predefined": "Windows' predefined rules",
    },
    sections: [{ name: "AllJoyn Router", anchor: "alljoyntcpin-ports" }],
    operatingSystems: ["Windows Server 2016"],
    portKeywords: {},
    protocolNumbers: {},
    rules: [row()],
    ...changes,
  };
}

/** The messages of the issues zod finds, or [] when the value passes. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("text fields", () => {
  it("are trimmed, and refused when empty or blank", () => {
    const { ruleRow } = schemas();
    expect(ruleRow.parse(row({ section: "  AllJoyn Router " })).section).toBe("AllJoyn Router");
    expect(problems(ruleRow, row({ rule: "" }))).toHaveLength(1);
    expect(problems(ruleRow, row({ rule: "   " }))).toHaveLength(1);
  });
});

describe("rule ids", () => {
  it("are <rule-slug>.<os-group> in lower case, and nothing around it", () => {
    const { ruleRow } = schemas();
    expect(problems(ruleRow, row({ id: "dhcp-in.2012-2012r2" }))).toEqual([]);
    for (const id of ["Remote_desktop.2019", "rdp.2019 extra", "rdp", "rdp.2019.2022"]) {
      expect(problems(ruleRow, row({ id })), id).toEqual(["id: ids look like <rule-slug>.<os-group>"]);
    }
  });
});

describe("the ports file", () => {
  it("takes a page digest of 64 lower-case hex digits only", () => {
    const { portsFile: schema } = schemas();
    const digest = "ba96881553620e6cfc3e521540684e5bfa172a108a404c1f93e3da7646a2d34c";
    expect(problems(schema, portsFile({ pageSha256: digest }))).toEqual([]);
    for (const pageSha256 of [`x${digest}`, `${digest}x`, digest.slice(1), digest.toUpperCase(), "ba96"]) {
      expect(problems(schema, portsFile({ pageSha256 })), pageSha256).toHaveLength(1);
    }
  });

  it("names the pages of sourced notes with lower-case kebab keys", () => {
    const { portsFile: schema } = schemas();
    const page = { title: "Changes", publisher: "AWS", url: "https://docs.aws.amazon.com/", retrieved: "2026-11-28" };
    expect(problems(schema, portsFile({ noteSources: { "aws-ami-changes": page } }))).toEqual([]);
    for (const key of ["AWS-changes", "aws changes"]) {
      expect(problems(schema, portsFile({ noteSources: { [key]: page } })), key).toHaveLength(1);
    }
  });
});

describe("vocabulary tags", () => {
  it("name a section or a rule-name fragment, not both and not neither", () => {
    const { vocabularyFile } = schemas();
    const vocabulary = (tag: object) => ({ keywordPorts: {}, fillerWords: [], smallTalkWords: [], phrases: {}, tags: [tag] });
    expect(problems(vocabularyFile, vocabulary({ section: "Remote Desktop", words: ["rdp"] }))).toEqual([]);
    expect(problems(vocabularyFile, vocabulary({ rule: "Remote Desktop", words: ["rdp"] }))).toEqual([]);
    const message = "tags.0: a tag names either a section or a rule-name fragment";
    expect(problems(vocabularyFile, vocabulary({ section: "Remote Desktop", rule: "RDP", words: ["rdp"] }))).toEqual([message]);
    expect(problems(vocabularyFile, vocabulary({ words: ["rdp"] }))).toEqual([message]);
  });
});

describe("word lists", () => {
  it("hold lower-case words of letters and digits only", () => {
    const { realWordsFile, commonWordsFile } = schemas();
    const file = (words: string[]) => ({ about: "English words", words });
    expect(problems(realWordsFile, file(["ads", "p2p"]))).toEqual([]);
    for (const word of ["Hello", "hello world", "e-mail", ""]) {
      expect(problems(realWordsFile, file([word])), word).toHaveLength(1);
      expect(problems(commonWordsFile, file([word])), word).toHaveLength(1);
    }
  });
});
