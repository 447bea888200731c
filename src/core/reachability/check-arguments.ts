/**
 * What a check asks, from the CLI's options or Slack's words (`check i-0abc 5986 udp from 10.0.1.5`):
 * a validated instance id, one port, tcp or udp, and a source. An instance id is `i-` and 8 or 17
 * hex digits, and nothing else reaches AWS.
 */
import { parsePortList } from "../ports.js";
import type { CheckProtocol } from "./snapshot.js";
import { readSource, type SourceInput } from "./source.js";

export const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** Longer check text is not a check; cut before reading. */
const MAX_CHECK_TEXT = 300;
/** How much of a question is searched for an instance id to offer a check for. */
const MAX_OFFER_TEXT = 4_000;

export type CheckArguments =
  | {
      readonly ok: true;
      readonly instanceId: string;
      readonly port: number;
      readonly protocol: CheckProtocol;
      readonly source: Exclude<SourceInput, { ok: false }>;
      readonly host: boolean;
    }
  | { readonly ok: false; readonly problem: string };

export interface CheckFields {
  readonly instance?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly from?: string;
  readonly host?: boolean;
}

export const CHECK_USAGE = "check i-0123456789abcdef0 5986 [tcp|udp] [from 10.0.1.5 | 10.0.0.0/16 | sg-0123456789abcdef0]";

export function readCheckArguments(fields: CheckFields): CheckArguments {
  const instance = fields.instance?.trim() ?? "";
  if (!INSTANCE_ID.test(instance)) {
    const shown = instance.slice(0, 40);
    return {
      ok: false,
      problem: instance
        ? `"${shown}" is not an instance id: it is i- and 8 or 17 lower-case hex digits, e.g. i-0123456789abcdef0`
        : `name an instance and a port: ${CHECK_USAGE}`,
    };
  }
  const portText = fields.port?.trim() ?? "";
  if (portText === "") return { ok: false, problem: `name a port to check: ${CHECK_USAGE}` };
  const ports = parsePortList(portText);
  if (!ports.ok) return { ok: false, problem: ports.problem };
  const only = ports.ranges[0];
  if (ports.ranges.length !== 1 || !only || only.from !== only.to) {
    return { ok: false, problem: `a check takes one port, not "${portText.slice(0, 40)}"` };
  }
  const protocol = (fields.protocol ?? "tcp").trim().toLowerCase();
  if (protocol !== "tcp" && protocol !== "udp") {
    return { ok: false, problem: `a check takes tcp or udp, not "${protocol.slice(0, 20)}"` };
  }
  const source = readSource(fields.from);
  if (!source.ok) return { ok: false, problem: source.problem };
  return { ok: true, instanceId: instance, port: only.from, protocol, source, host: fields.host !== false };
}

const INSTANCE_IN_TEXT = /\bi-(?:[0-9a-f]{17}|[0-9a-f]{8})\b/;

/** The first instance id a question names ("why can't I reach 5986 on i-0abc…"), if any. */
export function instanceIdIn(text: string): string | undefined {
  return INSTANCE_IN_TEXT.exec(text.slice(0, MAX_OFFER_TEXT))?.[0];
}

/** Slack's words after `check`: instance, port (5986 or 5986/udp), then tcp|udp, `from X`, `--no-host`. */
export function readCheckText(text: string): CheckArguments {
  const words = text.slice(0, MAX_CHECK_TEXT).trim().split(/\s+/).filter(Boolean);
  const [instance, portWord, ...rest] = words;
  // the instance first: what is wrong with it matters most
  if (!INSTANCE_ID.test(instance ?? "")) return readCheckArguments({ instance });
  const [port, slashProtocol] = (portWord ?? "").split("/");
  const fields: { instance?: string; port?: string; protocol?: string; from?: string; host?: boolean } = {
    instance,
    port,
    protocol: slashProtocol,
  };
  for (let i = 0; i < rest.length; i++) {
    const word = (rest[i] as string).toLowerCase();
    if (word === "tcp" || word === "udp" || word === "--protocol") {
      fields.protocol = word === "--protocol" ? rest[++i] : word;
    } else if (word === "from" || word === "--from") {
      fields.from = rest[++i] ?? "";
      if (fields.from === "") return { ok: false, problem: `say where from: ${CHECK_USAGE}` };
    } else if (word === "--no-host") {
      fields.host = false;
    } else {
      return { ok: false, problem: `"${(rest[i] as string).slice(0, 40)}" is not part of a check: ${CHECK_USAGE}` };
    }
  }
  return readCheckArguments(fields);
}
