/**
 * deploy/aws: the IAM policy grants exactly the AWS calls amiport makes, none of which creates or
 * changes anything, and the SSM document only reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SSM_DOCUMENT } from "../../src/aws/index.js";

const AWS_DIR = new URL("../../src/aws/", import.meta.url);
const policy = JSON.parse(readFileSync(new URL("../../deploy/aws/iam-policy.json", import.meta.url), "utf8")) as {
  Statement: { Sid: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[];
};
const documentText = readFileSync(new URL(`../../deploy/aws/${DEFAULT_SSM_DOCUMENT}.json`, import.meta.url), "utf8");
const ssmDocument = JSON.parse(documentText) as {
  parameters: Record<string, { type: string; allowedPattern?: string; allowedValues?: string[] }>;
  mainSteps: { action: string; inputs: { runCommand: string[] } }[];
};

/** The operations src/aws sends: every `XCommand` it takes from the EC2 or SSM client, as IAM names them. */
function callsInSource(): string[] {
  const calls = new Set<string>();
  for (const file of readdirSync(AWS_DIR).filter((f) => f.endsWith(".ts"))) {
    const code = readFileSync(new URL(file, AWS_DIR), "utf8");
    for (const block of code.matchAll(/const \{([^}]*)\} = (ec2|ssm|sts)Sdk;/g)) {
      for (const name of (block[1] as string)
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)) {
        if (name.endsWith("Command")) calls.add(`${block[2]}:${name.replace(/Command$/, "")}`);
      }
    }
    expect(code, `${file} must take the SDK from sdk.ts`).not.toMatch(
      /^import (?!type )[^;]*from "@aws-sdk\/client-(?:ec2|ssm)";/m,
    );
  }
  return [...calls].sort();
}

const actions = (statement: (typeof policy.Statement)[number]) => [statement.Action].flat();
const WRITE_VERBS =
  /^(?:Create|Delete|Modify|Put|Update|Attach|Detach|Associate|Disassociate|Replace|Run|Start|Stop|Terminate|Reboot|Authorize|Revoke|Send|Cancel|Register|Deregister|Tag|Untag|Enable|Disable)/;

describe("the IAM policy", () => {
  it("grants every call amiport makes, and nothing else", () => {
    const granted = [...new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap(actions))].sort();
    const calls = callsInSource();
    expect(calls.length).toBeGreaterThan(5);
    expect(granted).toEqual(calls);
  });

  it("no call creates or changes anything; SendCommand alone runs, only amiport's document on tagged instances", () => {
    for (const call of callsInSource()) {
      const verb = call.split(":")[1] as string;
      if (call === "ssm:SendCommand" || call === "sts:AssumeRole") continue;
      expect(verb, call).toMatch(/^(?:Describe|Get)/);
      expect(verb).not.toMatch(WRITE_VERBS);
    }
    const send = policy.Statement.filter((s) => actions(s).includes("ssm:SendCommand"));
    const resources = send.flatMap((s) => [s.Resource].flat());
    expect(resources).toContain(`arn:aws:ssm:*:*:document/${DEFAULT_SSM_DOCUMENT}`);
    expect(resources.filter((r) => r.includes(":document/"))).toHaveLength(1);
    const onInstances = send.find((s) => [s.Resource].flat().some((r) => r.includes(":instance/")));
    expect(onInstances?.Condition).toEqual({ StringEquals: { "aws:ResourceTag/amiport:check": "allowed" } });
    expect(policy.Statement.every((s) => s.Effect === "Allow" && !actions(s).some((a) => a.includes("*")))).toBe(true);
    const assume = policy.Statement.find((s) => actions(s).includes("sts:AssumeRole"));
    expect(assume?.Resource).toBe("arn:aws:iam::*:role/amiport-check");
  });
});

describe("the SSM document", () => {
  it("takes only a validated port and protocol", () => {
    expect(Object.keys(ssmDocument.parameters).sort()).toEqual(["Port", "Protocol"]);
    expect(ssmDocument.parameters.Port?.allowedPattern).toBe("^[0-9]{1,5}$");
    expect(ssmDocument.parameters.Protocol?.allowedValues).toEqual(["TCP", "UDP"]);
  });

  it("runs PowerShell that only reads: Get- cmdlets, no cmdlet that sets, adds, removes or starts", () => {
    const script = ssmDocument.mainSteps.flatMap((step) => step.inputs.runCommand).join("\n");
    expect(ssmDocument.mainSteps.map((s) => s.action)).toEqual(["aws:runPowerShellScript"]);
    const cmdlets = [...new Set([...script.matchAll(/\b([A-Z][A-Za-z]+)-([A-Z][A-Za-z]+)\b/g)].map((m) => `${m[1]}-${m[2]}`))];
    const verbs = new Set(cmdlets.map((c) => c.split("-")[0]));
    expect([...verbs].sort()).toEqual(["ConvertTo", "Get", "Select", "Test", "Where"]);
    expect(cmdlets.filter((c) => c.startsWith("Test-"))).toEqual(["Test-AmiportPort"]);
    expect(script).not.toMatch(/Invoke-Expression|iex\b|Start-Process|\bnetsh\b|\bSet-|\bNew-|\bRemove-|\bEnable-|\bDisable-/);
    expect(script).toContain("$port = [int]'{{ Port }}'");
  });
});
