/** The `amiport` command: the query core on a terminal or, with --json, for scripts. */
import { parseArgs } from "node:util";
import {
  addFilter,
  asksForPortMap,
  DataError,
  diffVersions,
  type FilterKind,
  loadRuleBook,
  MAX_PASTE_LENGTH,
  parseQuery,
  type RuleBook,
  readDiffQuestion,
  searchRules,
} from "../core/index.js";
import { renderDiff } from "../render/diff-text.js";
import { answerToJson, diffToJson, ruleToJson } from "../render/json.js";
import { renderPortMapTable } from "../render/port-map.js";
import { colour, plain, renderAnswer, renderRuleList } from "../render/terminal.js";

export const EXIT = { results: 0, none: 1, usage: 2 } as const;
const DEFAULT_LIMIT = 10;

const HELP = `amiport: Windows Firewall rules of AWS Windows AMIs, from the AWS page
"Ports and protocols for Windows AMIs".

Usage
  amiport [options] <question...>
  amiport diff VERSION VERSION     what changes between two versions, e.g. amiport diff 2012r2 2022
  amiport check INSTANCE PORT      why a port is (not) reachable on a live instance; see amiport check --help
  amiport [options] -          read pasted text (a log, netstat, an alarm) from standard input
  amiport --json --all

Ask in any order and mix
  ports        5985 · port 5985 · 5985/tcp · tcp/5985 · 5985-5986 · 137,138,139
  protocols    tcp · udp · icmp · icmpv4 · icmpv6 · igmp · protocol 41
  directions   in · inbound · ingress · incoming · out · outbound · egress · outgoing
  versions     2019 · ws2019 · server 2019 · windows server 2012 r2 · 2012r2 · 2008 sp2
  words        rdp · winrm · smb · dns · telemetry · spooler · "remote desktop" · typos are fine
  services     kerberos · ldap · ssh · "sql server": ports no default rule opens, with IANA's registration
  comparisons  diff 2016 2022 · 2016 vs 2022 · what changed between 2012 R2 and 2022
Filters alone (2022 inbound, 2019 udp) answer with a port map: one line per protocol and port.

Options
  --json              one JSON object: { query, understood, total, results, notices, found, registered };
                      for a comparison { from, to, added, removed, changed, same, unstated }
  --commands          the commands to run next: check the rule, test the port, open it
  --cards             rule cards instead of a port map for a question of filters alone
  --all               every rule, in the AWS page's order (no question needed)
  --limit N           show at most N rules (default ${DEFAULT_LIMIT}; 0 for all)
  --os VERSION        only rules for this Windows Server version, e.g. --os 2012r2
  --protocol NAME     only this protocol, e.g. --protocol udp
  --direction in|out  only this direction
  --no-color          plain text even on a terminal (NO_COLOR is honoured too)
  -h, --help          this help
  -v, --version       amiport's version and the day its copy of the AWS page was retrieved

Examples
  amiport 5985
  amiport what does Windows 2019 need for telemetry
  amiport --json inbound udp on 2022
  amiport 2022 inbound
  amiport diff 2016 2022
  Get-Content app.log | amiport -
  amiport --commands 5986

Exit status: 0 with results, 1 with none, 2 on a usage error.
`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input's bytes, at most `maxBytes` of them; for `amiport -`. */
  readonly readStdin?: (maxBytes: number) => Uint8Array;
}

/** UTF-8 takes at most 4 bytes a character: enough bytes for all the characters the core reads. */
const MAX_STDIN_BYTES = MAX_PASTE_LENGTH * 4;

/** How fresh the rules are: the day their copy of the AWS page was retrieved. */
function dataFreshness(book: RuleBook | undefined): string {
  try {
    return `rules from the AWS page retrieved ${(book ?? loadRuleBook()).attribution.retrieved}`;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return "the rule data is broken; any question says how";
  }
}

export function runCli(argv: readonly string[], io: CliIo, version: string, book?: RuleBook): number {
  let args: ReturnType<typeof readArgs>;
  try {
    args = readArgs(argv);
  } catch (error) {
    io.err(`amiport: ${(error as Error).message}\nTry 'amiport --help'.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.out(HELP);
    return EXIT.results;
  }
  if (values.version) {
    io.out(`amiport ${version} (${dataFreshness(book)})\n`);
    return EXIT.results;
  }
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) {
    io.err(`amiport: --limit takes a whole number (0 for all), not "${values.limit}"\n`);
    return EXIT.usage;
  }
  const fromStdin = positionals.length === 1 && positionals[0] === "-";
  let question = positionals.join(" ");
  if (fromStdin) {
    const read = readStdinText(io);
    if (!read.ok) {
      io.err(`amiport: ${read.problem}\n`);
      return EXIT.usage;
    }
    question = read.text;
  }
  const questionGiven = question.trim() !== "";
  if (!values.all && !questionGiven && !values.os && !values.protocol && !values.direction) {
    io.err(`amiport: ask a question, e.g. 'amiport 5985' or 'amiport rdp 2019'\n\n${HELP}`);
    return EXIT.usage;
  }
  if (values.all && (questionGiven || values.os || values.protocol || values.direction)) {
    io.err("amiport: --all lists every rule; leave out the question and filters, or leave out --all\n");
    return EXIT.usage;
  }

  let rules: RuleBook;
  try {
    rules = book ?? loadRuleBook();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    io.err(`amiport: the rule data is broken: ${error.message}\n`);
    return EXIT.usage;
  }
  const paint = io.isTTY && !values["no-color"] && !io.env.NO_COLOR ? colour : plain;

  if (values.all) {
    if (values.json)
      io.out(
        `${JSON.stringify(
          rules.rules.map((rule) => ruleToJson(rule, undefined, { commands: values.commands === true })),
          null,
          2,
        )}\n`,
      );
    else io.out(renderRuleList(rules.rules, rules, paint, { commands: values.commands === true }));
    return EXIT.results;
  }

  let query = parseQuery(rules, question);
  const comparison = readDiffQuestion(rules, query);
  if (comparison) {
    if (!comparison.ok) {
      io.err(`amiport: ${comparison.problem.replace(/`/g, "'")}\n`);
      return EXIT.usage;
    }
    if (values.os || values.protocol || values.direction || values.cards || values.limit !== undefined) {
      io.err(
        "amiport: a comparison takes two versions, and protocols or directions in the question; try 'amiport diff 2016 2022 inbound'\n",
      );
      return EXIT.usage;
    }
    const diff = diffVersions(rules, comparison.from, comparison.to, comparison.filter);
    io.out(values.json ? `${JSON.stringify(diffToJson(diff), null, 2)}\n` : renderDiff(diff, rules, paint));
    return EXIT.results;
  }

  const flags: [FilterKind, string | undefined][] = [
    ["os", values.os],
    ["protocol", values.protocol],
    ["direction", values.direction],
  ];
  for (const [kind, value] of flags) {
    if (value === undefined) continue;
    const added = addFilter(rules, query, kind, value);
    if (!added.ok) {
      io.err(`amiport: ${added.problem}\n`);
      return EXIT.usage;
    }
    query = added.query;
  }
  if (!values.json && !values.cards && asksForPortMap(query)) {
    const map = searchRules(rules, query);
    if (map.total > 0) {
      io.out(renderPortMapTable(map, rules, paint));
      return EXIT.results;
    }
  }
  const answer = searchRules(rules, query, limit === 0 ? {} : { limit });
  const output = { commands: values.commands === true };
  io.out(values.json ? `${JSON.stringify(answerToJson(answer, output), null, 2)}\n` : renderAnswer(answer, rules, paint, output));
  return answer.results.length > 0 ? EXIT.results : EXIT.none;
}

type StdinText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

function readStdinText(io: CliIo): StdinText {
  const bytes = io.readStdin?.(MAX_STDIN_BYTES) ?? new Uint8Array();
  let text: string;
  try {
    // stream: a character cut in two at the byte limit is left out rather than called broken
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: bytes.length >= MAX_STDIN_BYTES });
  } catch {
    return { ok: false, problem: "standard input is not text (it is not UTF-8); pipe in a log, an alarm or netstat output" };
  }
  if (text.includes("\u0000")) {
    return { ok: false, problem: "standard input is not text (it holds NUL bytes); pipe in a log, an alarm or netstat output" };
  }
  if (text.trim() === "") {
    return { ok: false, problem: "standard input is empty; pipe text in, e.g. 'pbpaste | amiport -'" };
  }
  return { ok: true, text };
}

function readArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      cards: { type: "boolean" },
      commands: { type: "boolean" },
      all: { type: "boolean" },
      limit: { type: "string" },
      os: { type: "string" },
      protocol: { type: "string" },
      direction: { type: "string" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}
