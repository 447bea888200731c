import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchRules } from "../../src/core/index.js";
import {
  ACTIONS,
  decodeButtonState,
  decodeCommandsRequest,
  encodeButtonState,
  encodeCommandsRequest,
  escapeText,
  FULL_CARDS,
  LIMITS,
  PAGE_SIZE,
  renderAnswerMessage,
  renderCommandsMessage,
  renderHelpMessage,
  renderRuleCard,
} from "../../src/render/blocks.js";
import { expectValidMessage, SLACK } from "../helpers/block-kit.js";
import { book } from "../helpers/book.js";
import { propertyRuns } from "../helpers/property-runs.js";

describe("LIMITS", () => {
  it("stays within Slack's documented limits", () => {
    const documented: Readonly<Record<keyof typeof LIMITS, number>> = {
      blocks: SLACK.messageBlocks,
      sectionText: SLACK.sectionText,
      fields: SLACK.sectionFields,
      fieldText: SLACK.fieldText,
      headerText: SLACK.headerText,
      contextElements: SLACK.contextElements,
      id: SLACK.blockId,
      buttonText: SLACK.buttonText,
      buttonValue: SLACK.buttonValue,
      fallbackText: SLACK.fallbackText,
      viewBlocks: SLACK.viewBlocks,
      actionsElements: SLACK.actionsElements,
      optionText: SLACK.optionText,
      optionValue: SLACK.optionValue,
      selectOptions: SLACK.selectOptions,
      privateMetadata: SLACK.privateMetadata,
    };
    for (const [name, limit] of Object.entries(LIMITS)) {
      expect(limit, name).toBeLessThanOrEqual(documented[name as keyof typeof LIMITS]);
    }
  });
});

describe("renderRuleCard", () => {
  it("shows the rule's facts, source and link", () => {
    const answer = searchRules(book, "5985");
    const blocks = renderRuleCard(answer.results[1]!, book) as any[];
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Windows Remote Management (HTTP-In)", emoji: false },
    });
    // the key fact leads, as one line, the way the terminal prints it
    expect(blocks[1].text.text).toBe(
      "*TCP 5985 in · Windows Server 2008 R2 and 2008 SP2*\nInbound rule for Windows Remote Management via WS-Management.\n_local 5985 · remote any_",
    );
    expect(blocks[1].fields).toBeUndefined();
    expect(blocks[1].accessory).toMatchObject({ type: "button", action_id: ACTIONS.commands, text: { text: "Commands" } });
    expect(decodeCommandsRequest(blocks[1].accessory.value)).toEqual({ r: answer.results[1]!.rule.id });
    const context = blocks.at(-1).elements[0].text;
    expect(context).toContain("AWS page, April 2022 version");
    expect(context).toContain(
      "<https://docs.aws.amazon.com/ec2/latest/windows-ami-reference/ports-and-protocols.html#remote-management|View on AWS>",
    );
  });

  it("says what AWS prints where a correction applies", () => {
    const rtsp = searchRules(book, "23555").results[0]!;
    const text = JSON.stringify(renderRuleCard(rtsp, book));
    expect(text).toContain("local 23554, 23555, 23556");
    expect(text).toContain(":warning: *Corrected.* The AWS page prints '235, 542, 355, 523, 556'; the rule's own description");
    // said once: the reason quotes what the page prints, so no second sentence says it again
    expect(text.match(/235, 542/g)).toHaveLength(1);
  });

  it("leaves out the ports line for a protocol without ports", () => {
    const icmp = book.rules.find((r) => r.protocol === "ICMPv6" && r.local.text === null && r.remote.text === null)!;
    const text = (renderRuleCard({ rule: icmp, matched: [{ by: "filters" }] }, book) as any[])[1].text.text as string;
    expect(text.startsWith(`*ICMPv6 ${icmp.direction === "In" ? "in" : "out"} · Windows Server`)).toBe(true);
    expect(text).not.toContain("n/a");
  });

  it("cuts a rule's overlong fields to Slack's limits", () => {
    const long = (c: string) => `${c}&<>`.repeat(2000);
    const rule = {
      ...book.rules[0]!,
      id: `rule.${"x".repeat(300)}`,
      rule: long("n"),
      section: long("s"),
      definition: long("d"),
      notes: [
        { text: long("a") },
        { text: long("b"), source: { title: long("t"), publisher: "p", url: "https://example.com/p", retrieved: "2026-11-28" } },
      ],
      local: { text: long("1"), ranges: [] },
    };
    const blocks = renderRuleCard({ rule, matched: [{ by: "filters" }] }, book);
    expectValidMessage({ text: "x", blocks });
    expect((blocks[0] as any).text.text).toHaveLength(SLACK.headerText);
  });

  it("shows a sourced note with a link to the page it comes from", () => {
    const rule = book.rules.find((r) => r.id === "connected-user-experiences-and-telemetry.2016")!;
    const text = JSON.stringify(renderRuleCard({ rule, matched: [{ by: "filters" }] }, book));
    expect(text).toContain("Note: AWS disables the Connected User Experiences and Telemetry service");
    expect(text).toContain("(Source: <https://docs.aws.amazon.com/ec2/latest/windows-ami-reference/windows-ami-versions.html|");
  });

  it("renders every rule of the data within Slack's limits", () => {
    for (const rule of book.rules) {
      expectValidMessage({ text: rule.rule, blocks: renderRuleCard({ rule, matched: [{ by: "filters" }] }, book) });
    }
  });
});

describe("renderAnswerMessage", () => {
  it("shows the best few as cards and the rest as a compact list", () => {
    const answer = searchRules(book, "icmp", { limit: PAGE_SIZE });
    const message = renderAnswerMessage(answer, book, { offset: 0, shareable: true });
    expect(message.blocks.filter((b) => b.type === "header")).toHaveLength(FULL_CARDS);
    const list = message.blocks.at(-3) as any;
    expect(list.text.text.split("\n")).toHaveLength(PAGE_SIZE - FULL_CARDS);
    const actions = message.blocks.find((b) => b.type === "actions") as any;
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([ACTIONS.more, ACTIONS.share]);
    expect(decodeButtonState(actions.elements[0].value)).toEqual({ q: "icmp", o: PAGE_SIZE });
  });

  it("escapes mrkdwn control characters", () => {
    expect(escapeText("a & <b> <!here>")).toBe("a &amp; &lt;b&gt; &lt;!here&gt;");
  });

  it("reads forged or stale button values as nothing", () => {
    for (const value of [undefined, "", "{", "[]", '{"q":1,"o":0}', '{"q":"x","o":-1}', '{"q":"x","o":1.5}']) {
      expect(decodeButtonState(value)).toBeNull();
    }
    expect(decodeButtonState(encodeButtonState({ q: "rdp", o: 10 }))).toEqual({ q: "rdp", o: 10 });
  });

  it("help is valid and shows examples", () => {
    const help = renderHelpMessage();
    expectValidMessage(help);
    expect(help.text).toContain("/amiport 5985");
  });
});

describe("ports no default rule opens", () => {
  it("says so once, with IANA's registration in a sentence of its own, and offers its commands", () => {
    const message = renderAnswerMessage(searchRules(book, "5986", { limit: PAGE_SIZE }), book, { offset: 0, shareable: true });
    expectValidMessage(message);
    const fact =
      "No default Windows Firewall rule on AWS Windows AMIs opens TCP 5986. IANA registers it as wsmans (WBEM WS-Management HTTP over TLS/SSL).";
    expect(message.text).toBe(fact);
    const block = message.blocks.find((b) => b.block_id === "port:5986") as any;
    expect(block.text.text).toContain(fact);
    expect(decodeCommandsRequest(block.accessory.value)).toEqual({ p: 5986, t: ["tcp"] });
    expect(JSON.stringify(message.blocks).match(/No rule on the AWS page uses/g)).toBeNull();
    expect(message.blocks.some((b) => b.type === "header")).toBe(false);
  });

  it("names them on the first page only", () => {
    const answer = searchRules(book, "5985-5986", { limit: PAGE_SIZE });
    expect(JSON.stringify(renderAnswerMessage(answer, book, { offset: 0, shareable: true }).blocks)).toContain("port:5986");
    expect(JSON.stringify(renderAnswerMessage(answer, book, { offset: 10, shareable: true }).blocks)).not.toContain("port:5986");
  });
});

describe("renderCommandsMessage", () => {
  it("shows a rule's commands grouped by what they do, in code blocks, escaped", () => {
    const rule = searchRules(book, "5985").results[0]!.rule;
    const message = renderCommandsMessage({ r: rule.id }, book)!;
    expectValidMessage(message);
    const text = JSON.stringify(message.blocks);
    expect(message.text).toBe("Commands for Windows Remote Management (HTTP-In)");
    expect(text).toContain("*Check it on the instance (PowerShell)*");
    expect(text).toContain("Get-NetFirewallRule -DisplayName 'Windows Remote Management (HTTP-In)' | Get-NetFirewallPortFilter");
    expect(text).toContain("Test-NetConnection -ComputerName &lt;host&gt; -Port 5985");
    expect(text).toContain("--protocol tcp --port 5985 --cidr &lt;your-cidr&gt;");
    expect(text).not.toContain("<host>");
  });

  it("explains instead of opening an RPC rule", () => {
    const rule = book.rules.find((r) => r.local.keyword?.name === "RPC")!;
    const text = JSON.stringify(renderCommandsMessage({ r: rule.id }, book)!.blocks);
    expect(text).toContain("49152-65535");
    expect(text).not.toContain("authorize-security-group-ingress");
  });

  it("opens a port on both layers and says both must allow it", () => {
    const message = renderCommandsMessage({ p: 5986, t: ["tcp"] }, book)!;
    expectValidMessage(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("New-NetFirewallRule -DisplayName 'Allow TCP 5986 in'");
    expect(text).toContain("authorize-security-group-ingress --group-id &lt;sg-id&gt; --protocol tcp --port 5986");
    expect(text).toContain("Both layers must allow it");
  });

  it("renders every rule's commands within Slack's limits", () => {
    for (const rule of book.rules) expectValidMessage(renderCommandsMessage({ r: rule.id }, book)!);
  });

  it("reads forged or stale requests as nothing", () => {
    for (const value of [
      undefined,
      "",
      "{",
      '{"p":70000,"t":["tcp"]}',
      '{"p":1,"t":["sctp"]}',
      '{"p":1,"t":[]}',
      '{"p":"1","t":["tcp"]}',
    ]) {
      expect(decodeCommandsRequest(value), value).toBeNull();
    }
    expect(renderCommandsMessage({ r: "no-such-rule.x" }, book)).toBeNull();
    expect(decodeCommandsRequest(encodeCommandsRequest({ p: 88, t: ["tcp", "udp"] }))).toEqual({ p: 88, t: ["tcp", "udp"] });
  });
});

describe("Block Kit properties over arbitrary queries", () => {
  const query = fc.oneof(
    fc.string({ maxLength: 600 }),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc
      .array(fc.constantFrom("5985", "icmp", "2019", "rdp", "<!channel>", "&", "<@U1>", "x".repeat(400), "0-65535", "any"), {
        maxLength: 6,
      })
      .map((p) => p.join(" ")),
  );

  it("every answer is valid Block Kit with a fallback text, and user text cannot ping or link", () => {
    fc.assert(
      fc.property(
        query,
        fc.nat({ max: 160 }),
        fc.boolean(),
        fc.option(fc.constantFrom("U0ASKER", "<!channel>", "W123ABC")),
        (text, offset, shareable, sharedBy) => {
          const answer = searchRules(book, text, { offset, limit: PAGE_SIZE });
          const message = renderAnswerMessage(answer, book, { offset, shareable, ...(sharedBy ? { sharedBy } : {}) });
          expectValidMessage(message);
          // a Commands button carries a rule id of the book or a port number, never what was typed
          for (const block of message.blocks as any[]) {
            if (block.accessory === undefined) continue;
            const request = decodeCommandsRequest(block.accessory.value);
            expect(request).not.toBeNull();
            if (request && "r" in request) expect(book.rules.some((r) => r.id === request.r)).toBe(true);
            else expect(answer.unopened.map((u) => u.port)).toContain(request?.p);
          }
          const shown = JSON.stringify(
            message.blocks.map((b: any) => ({ ...b, elements: b.type === "actions" ? [] : b.elements })),
          );
          const controls = shown.match(/<[^<]{0,30}/g) ?? [];
          for (const c of controls)
            expect(c.startsWith("<https://docs.aws.amazon.com/") || /^<@(U0ASKER|W123ABC)>/.test(c), c).toBe(true);
        },
      ),
      { numRuns: propertyRuns(700) },
    );
  });
});

describe("pasted text", () => {
  const LOG = "2026-11-27T01:02:03Z ERROR connect 10.0.1.25:5986 refused\nrdp session on port 3389 timed out";

  it("says what it found and answers each port under its own heading", () => {
    const message = renderAnswerMessage(searchRules(book, LOG), book, { offset: 0, shareable: true });
    expectValidMessage(message);
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain("Found in the message: 10.0.1.25:5986, port 3389");
    expect(shown).toContain("*Port 3389 · 4 rules · found as port 3389*");
    expect(shown).toContain("No default Windows Firewall rule on AWS Windows AMIs opens TCP 5986. IANA registers it as wsmans");
    expect(message.blocks.filter((b) => b.type === "header")).toEqual([]);
  });

  it("buttons carry what was found, which reads back as the same ports", () => {
    const answer = searchRules(book, `${LOG}\n${"filler ".repeat(5000)}`);
    const message = renderAnswerMessage(answer, book, { offset: 0, shareable: true });
    const actions = message.blocks.find((b) => b.type === "actions") as any;
    const state = decodeButtonState(actions.elements[0].value);
    expect(state?.q).toBe("Found in the message: port 3389, 10.0.1.25:5986");
    expect(searchRules(book, state?.q ?? "").byPort.map((g) => g.port)).toEqual(answer.byPort.map((g) => g.port));
  });

  it("stays within Slack's limits for 40,000 characters naming hundreds of ports", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `web-${i}.example:${1 + ((i * 37) % 65535)} & <b>`);
    const answer = searchRules(book, lines.join("\n"));
    expect(answer.byPort).toHaveLength(10);
    expect(answer.portsLeftOut).toBeGreaterThan(100);
    const message = renderAnswerMessage(answer, book, { offset: 0, shareable: true });
    expectValidMessage(message);
    expect(JSON.stringify(message.blocks)).toContain("more ports found in the message");
  });
});
