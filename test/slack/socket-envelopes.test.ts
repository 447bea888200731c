/**
 * Socket Mode's envelope guard: which frames reach the SDK (size first, then shape), and what the
 * guard does around the SDK's listeners. The guard is put on a real SocketModeReceiver's client;
 * frames are emitted as the client's WebSocket emits them (`ws` hands over Buffers).
 */
import { LogLevel, SocketModeReceiver } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/slack/logger.js";
import { envelopeProblem, guardSocketEnvelopes } from "../../src/slack/socket-envelopes.js";

/** The cap as the design states it (512 KiB, the HTTP body cap), not read back from the module. */
const CAP = 512 * 1024;

/** A hello frame of exactly `length` bytes (ASCII, so characters = bytes). */
function helloOfLength(length: number): string {
  const empty = '{"type":"hello","pad":""}';
  return `{"type":"hello","pad":"${"x".repeat(length - empty.length)}"}`;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("envelopeProblem: shape", () => {
  it.each([
    ["null", "not an object"],
    ["[]", "not an object"],
    ['[{"type":"hello"}]', "not an object"],
    ["42", "not an object"],
    ['"hello"', "not an object"],
    ["true", "not an object"],
    ["{", "not JSON"],
    ["", "not JSON"],
    ["{}", "no type"],
    ['{"type":1}', "no type"],
    ['{"type":null}', "no type"],
    ['{"type":"slash_commands"}', "no payload"],
    ['{"type":"slash_commands","payload":null}', "no payload"],
    ['{"type":"slash_commands","payload":[]}', "no payload"],
    ['{"type":"slash_commands","payload":"text"}', "no payload"],
    ['{"type":"events_api","payload":null}', "no payload"],
    ['{"type":"events_api","payload":{}}', "no event"],
    ['{"type":"events_api","payload":{"event":null}}', "no event"],
    ['{"type":"events_api","payload":{"event":"app_mention"}}', "no event"],
    ['{"type":"events_api","payload":{"event":{}}}', "no event"],
    ['{"type":"events_api","payload":{"event":{"type":7}}}', "no event"],
    ['{"type":"events_api","payload":{"event":{"type":"app_mention"}}}', undefined],
    ['{"type":"slash_commands","payload":{"command":"/amiport"}}', undefined],
    // the two control frames carry no payload
    ['{"type":"hello"}', undefined],
    ['{"type":"disconnect","reason":"refresh_requested"}', undefined],
    ['{"type":"disconnect","payload":null}', undefined],
  ])("%s: %s", (frame, problem) => {
    expect(envelopeProblem(frame)).toBe(problem);
  });
});

describe("envelopeProblem: what arrives as data", () => {
  const mention = '{"type":"events_api","payload":{"event":{"type":"app_mention"}}}';

  it.each([
    ["a string", mention],
    ["a Buffer, as ws hands it over", Buffer.from(mention)],
    ["a Uint8Array", bytes(mention)],
    ["an ArrayBuffer", bytes(mention).buffer],
    ["a view into a larger buffer", new Uint8Array(bytes(`xxxx${mention}yyyy`).buffer, 4, mention.length)],
  ])("an envelope as %s is accepted", (_label, data) => {
    expect(envelopeProblem(data)).toBeUndefined();
  });

  it.each([
    ["a Buffer", Buffer.from('{"type":"events_api","payload":{}}')],
    ["an ArrayBuffer", bytes('{"type":"events_api","payload":{}}').buffer],
  ])("a bad envelope as %s is refused for its shape", (_label, data) => {
    expect(envelopeProblem(data)).toBe("no event");
  });

  it.each([
    ["an empty ArrayBuffer", new ArrayBuffer(0)],
    ["an empty Buffer", Buffer.alloc(0)],
  ])("%s is not JSON (empty, but text)", (_label, data) => {
    expect(envelopeProblem(data)).toBe("not JSON");
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["an object", { type: "hello" }],
    ["an array of bytes", [123, 125]],
  ])("%s is not text", (_label, data) => {
    expect(envelopeProblem(data)).toBe("not text");
  });
});

describe("envelopeProblem: size, checked before parsing", () => {
  it("the frames here are as long as they say", () => {
    expect(helloOfLength(CAP)).toHaveLength(CAP);
    expect(bytes(helloOfLength(CAP + 1)).byteLength).toBe(CAP + 1);
  });

  it.each([
    ["a string", (text: string) => text],
    ["a Buffer", (text: string) => Buffer.from(text)],
    ["an ArrayBuffer", (text: string) => bytes(text).buffer],
  ])("as %s: exactly 512 KiB is accepted, one byte more is too large", (_label, as) => {
    expect(envelopeProblem(as(helloOfLength(CAP)))).toBeUndefined();
    expect(envelopeProblem(as(helloOfLength(CAP + 1)))).toBe("too large");
  });

  it("a string frame is measured in UTF-8 bytes, as it was sent, not in characters", () => {
    // 200,000 three-byte characters: 600,000 bytes on the wire, under the cap in characters
    const wide = `{"type":"hello","note":"${"端".repeat(200_000)}"}`;
    expect(wide.length).toBeLessThan(CAP);
    expect(envelopeProblem(wide)).toBe("too large");
    expect(envelopeProblem(Buffer.from(wide))).toBe("too large");
    const fits = `{"type":"hello","note":"${"端".repeat(100_000)}"}`;
    expect(envelopeProblem(fits)).toBeUndefined();
  });

  it("a huge frame is too large even when it is not JSON", () => {
    expect(envelopeProblem(`{${"x".repeat(CAP)}`)).toBe("too large");
    expect(envelopeProblem(new ArrayBuffer(CAP + 1))).toBe("too large");
  });
});

describe("guardSocketEnvelopes on the SDK's client", () => {
  type Heard = { data: unknown; isBinary: boolean };

  function guarded() {
    const receiver = new SocketModeReceiver({ appToken: "xapp-1-A0AMIPORT-guardtest", logLevel: LogLevel.ERROR });
    const client = receiver.client;
    const heard: Heard[] = [];
    const lines: Record<string, unknown>[] = [];
    // listeners added before the guard, as the SDK adds its own in its constructor
    client.on("ws_message", (data: unknown, isBinary: boolean) => {
      heard.push({ data, isBinary });
    });
    client.on("ws_message", () => Promise.reject(new Error("listener broke")));
    client.on("ws_message", () => {
      throw "listener threw a string";
    });
    const logger = createLogger({ level: LogLevel.INFO, secrets: [], sink: (line) => lines.push(JSON.parse(line)) });
    guardSocketEnvelopes(client, logger);
    return { client, heard, lines };
  }

  it("hands an envelope to every listener it took over, once", async () => {
    const { client, heard, lines } = guarded();
    const frame = Buffer.from('{"type":"hello","num_connections":1}');
    client.emit("ws_message", frame, false);
    await expect.poll(() => heard).toEqual([{ data: frame, isBinary: false }]);
    expect(client.listeners("ws_message")).toHaveLength(1);
    expect(lines.filter((l) => l.msg === "socket envelope dropped")).toEqual([]);
  });

  it("logs a listener's failure, thrown or rejected, and the other listeners still get the frame", async () => {
    const { client, heard, lines } = guarded();
    client.emit("ws_message", Buffer.from('{"type":"disconnect","reason":"warning"}'), false);
    const failures = () => lines.filter((l) => l.msg === "socket envelope failed");
    await expect.poll(() => failures().length).toBe(2);
    expect(
      failures()
        .map((l) => [l.level, l.error])
        .sort(),
    ).toEqual([
      ["error", "listener broke"],
      ["error", "listener threw a string"],
    ]);
    expect(heard).toHaveLength(1);
  });

  it("drops a bad frame with its reason and hands it to no listener", async () => {
    const { client, heard, lines } = guarded();
    client.emit("ws_message", Buffer.from('{"type":"events_api","payload":{}}'), false);
    client.emit("ws_message", Buffer.from(helloOfLength(CAP + 1)), false);
    // a later good frame is a marker: by the time it is heard, anything before it would have been
    const marker = Buffer.from('{"type":"hello"}');
    client.emit("ws_message", marker, false);
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]?.data).toBe(marker);
    expect(lines.filter((l) => l.msg === "socket envelope dropped").map((l) => [l.level, l.problem])).toEqual([
      ["warn", "no event"],
      ["warn", "too large"],
    ]);
  });

  it("passes a binary frame on unchecked: the SDK ignores binary frames itself", async () => {
    const { client, heard, lines } = guarded();
    const frame = Buffer.from([0, 1, 2, 3]);
    client.emit("ws_message", frame, true);
    await expect.poll(() => heard).toEqual([{ data: frame, isBinary: true }]);
    expect(lines.filter((l) => l.msg === "socket envelope dropped")).toEqual([]);
  });
});
