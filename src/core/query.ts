/** Turns what a person types into filters (ports, protocols, directions, versions) and words. */
import { type FoundPort, looksPasted, MAX_PASTE_LENGTH, type PasteReading, preferredDirection, readPaste } from "./paste.js";
import { pasteServices } from "./paste-services.js";
import { WINDOWS_RELEASE_YEARS } from "./paste-words.js";
import { type PortRange, parsePortList } from "./ports.js";
import type { RuleBook } from "./rule-book.js";
import type { Direction, Protocol } from "./schema.js";
import { WORD_PATTERN } from "./text-index.js";

/** A message this short on one line may be a question that happens to name an address or an id. */
const MAX_ONE_LINE_QUESTION = 200;
const MAX_QUESTION_PORTS = 3;

/** Letters of a script other than Latin: Cyrillic, Greek, Chinese, Japanese, Korean, Arabic, Hebrew… */
const OTHER_SCRIPT = /[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/**
 * What a person asking does not write: an error's words, `key=value`, JSON's `{"key":`, a
 * PowerShell networking cmdlet or a netsh command (`Set-NetFirewallRule -Name "WINRM-HTTP-In-TCP-PUBLIC"`,
 * `netsh advfirewall …`), never a word that only looks like one (`test-drive`, `new-style`, `with netsh`).
 */
const MACHINE_WRITTEN =
  /error|exception|fail|refused|denied|timed?\s?out|=|\{"|":|\b(?:get|set|new|enable|disable|remove|test)-net[a-z]{3,}|\bnetsh\s+(?:advfirewall|firewall|int(?:erface)?|http|winhttp)\b/i;
/** What a port named by its form needs: dig's `@server`, a UNC path's `\\`, a URL's `://`. */
const NAMED_BY_FORM = /@|\\\\|:\/\//;
/** Questions, and the part of pasted text read for words and filters, are cut here. */
export const MAX_QUERY_LENGTH = 500;

export type NoticeKind =
  | "bad-port"
  | "unknown-version"
  | "truncated"
  | "unreadable"
  | "empty"
  | "no-match"
  | "ignored-words"
  | "filtered-out"
  | "versions-unstated"
  | "limited";

export interface Notice {
  readonly kind: NoticeKind;
  readonly text: string;
  /** Another question worth asking instead: the same one for the nearest version the page lists. */
  readonly offer?: { readonly label: string; readonly question: string };
}

export interface ParsedQuery {
  /** The text that was read (cleaned and, where too long, cut). */
  readonly text: string;
  /** Whether the text looks pasted (a log line, netstat, several lines) rather than typed as a question. */
  readonly pasted: boolean;
  /** Ports read out of pasted text, with the text each was read from; they are in `ports` too. */
  readonly found: readonly FoundPort[];
  readonly ports: readonly PortRange[];
  readonly protocols: readonly Protocol[];
  readonly directions: readonly Direction[];
  /** Full names the data knows, e.g. `Windows Server 2012 R2`. */
  readonly versions: readonly string[];
  /** Versions asked for that the data has no rows for, e.g. `Windows Server 2025`. */
  readonly unknownVersions: readonly string[];
  /** Every version named, known or not, in the order written (repeats kept): `2016 vs 2022` is from 2016 to 2022. */
  readonly versionsAsWritten: readonly string[];
  /** The words left once filters and filler are taken out, lower case. */
  readonly words: readonly string[];
  /** Problems that stop a search (a bad port) or that the answer should mention. */
  readonly notices: readonly Notice[];
  /** Pasted text: the direction its ports are used in, ranked first (`In` for `host:5986`). */
  readonly preferred?: Direction;
}

// Maps, not objects: a typed word such as `constructor` must not find Object's own properties
const PROTOCOL_WORDS: ReadonlyMap<string, readonly Protocol[]> = new Map([
  ["tcp", ["TCP"]],
  ["udp", ["UDP"]],
  ["icmp", ["ICMPv4", "ICMPv6"]],
  ["icmpv4", ["ICMPv4"]],
  ["icmp4", ["ICMPv4"]],
  ["icmpv6", ["ICMPv6"]],
  ["icmp6", ["ICMPv6"]],
  ["igmp", ["2"]],
]);

/** IANA protocol numbers people type as `protocol 41`. */
const PROTOCOL_NUMBERS: ReadonlyMap<string, Protocol> = new Map([
  ["1", "ICMPv4"],
  ["2", "2"],
  ["6", "TCP"],
  ["17", "UDP"],
  ["41", "41"],
  ["58", "ICMPv6"],
]);

const DIRECTION_WORDS: ReadonlyMap<string, Direction> = new Map([
  ["in", "In"],
  ["inbound", "In"],
  ["ingress", "In"],
  ["incoming", "In"],
  ["out", "Out"],
  ["outbound", "Out"],
  ["egress", "Out"],
  ["outgoing", "Out"],
]);

// Matched at one position of the cleaned text, in this order.
const VERSION =
  /(?<prefix>(?:microsoft\s+)?(?:windows|win|ws|w)?(?:\s*(?:server|srv))?\s*)(?<year>(?:19|20)\d\d|2k\d{1,2})(?:\s*(?<suffix>r2|sp\s?[12]))?(?![a-z0-9])/y;
const PORT_LIST = /\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*(?![a-z0-9]|\.\d)/y;
const PROTOCOL_NUMBER = /proto(?:col)?\s*(?:number\s*)?(\d+)(?![a-z0-9])/y;
/** The letters and digits a VERSION can begin with: `microsoft`, `windows`/`win`/`ws`/`w`, `server`/`srv`, or the year. */
const VERSION_STARTS = "mws12";
const WORD = new RegExp(WORD_PATTERN, "y");
const GAP = /[^a-z0-9]+/y;
/** What a minus sign follows (a hyphen joins a range or a name: `5985-5986`, `web-01`; `:-` is a shell's default: `${PORT:-3000}`). */
const MINUS_SIGN_AFTER = /[[(=]/;
/** A dash after a space before a short number is its sign (`returned -1`); before a long one, a typed port's (`rdp -2019`). */
const SIGNED_AFTER_SPACE = /^\d{1,3}(?!\d)/;

/** Whether the number at `at`, after a `-`, is a negative number: `Error Code: [-1]`, `returned -1`. */
function isNegative(text: string, at: number): boolean {
  const before = text[at - 2];
  if (before === undefined || MINUS_SIGN_AFTER.test(before)) return true;
  return /\s/.test(before) && SIGNED_AFTER_SPACE.test(text.slice(at, at + 4));
}
/** Words that lead a port across a hyphen: `tcp-5985`, `port-3389`. */
const PORT_LEADS = new Set(["tcp", "udp", "port", "ports"]);
const PORT_PREFIX = /(?:(?:tcp|udp)\s*)?ports?\s*(?:number\s*)?[:#]?\s*$/;

/**
 * Reads a question, or pasted text: there, ports come only from `findPorts` and the first
 * MAX_QUERY_LENGTH characters give words and explicit versions, never directions ("timed out").
 */
export function parseQuery(book: RuleBook, input: string): ParsedQuery {
  const notices: Notice[] = [];
  const cut = input.length > MAX_PASTE_LENGTH ? input.slice(0, MAX_PASTE_LENGTH) : input;
  const cleaned = cleanInput(cut, notices);
  const lines = keepLines(cut);
  const signs = looksPasted(lines);
  // no sign of a paste: read it as a question, unless the question's numbers are ones the text
  // itself marks as not ports (`timeout=30`, `(502)`, `after 343 ms`): then it was pasted
  let asQuestion = signs ? undefined : readAsQuestion(book, cleaned, input.length);
  // the paste reading is needed where it could mark a question's number as a non-port (`in step 1`)
  let reading = asQuestion === undefined || asQuestion.read.ports.length > 0 ? readPaste(lines) : undefined;
  const contradicted = asQuestion !== undefined && reading !== undefined && contradicts(asQuestion.read.ports, reading.nonPorts);
  // where the paste reading finds ports of its own, the text was pasted after all (`connect
  // timeout=30 … 5985`); a short question typed to amiport only when that reading accounts for
  // each of its numbers, as a port or as something else (`opened 3389 and 5985 in 2024` keeps 5985)
  const marked = reading;
  const accounted =
    contradicted &&
    marked !== undefined &&
    marked.found.length > 0 &&
    (!isTypedQuestion(cut, cleaned) ||
      (asQuestion?.read.ports ?? []).every(
        (range) => range.from !== range.to || marked.nonPorts.has(range.from) || marked.found.some((f) => f.port === range.from),
      ));
  // otherwise the question stands without the numbers the text marks as something else (`windows
  // 10 client can't reach 5985`, `opened 3389 and 5985 in 2024`)
  if (contradicted && !accounted && asQuestion && reading) {
    const nonPorts = reading.nonPorts;
    const ports = asQuestion.read.ports.filter((range) => range.from !== range.to || !nonPorts.has(range.from));
    asQuestion = { ...asQuestion, read: { ...asQuestion.read, ports } };
  }
  let pasted = signs || accounted;
  // sentences written to others that write their ports out (`a target group on port 8080 … exercise
  // number 4`): the paste reading's labels decide, unless it leaves out a number only the question
  // reading takes that could well be a port (`since I've moved to 7020`)
  if (!pasted && asQuestion && reading && isProse(cut) && !isTypedQuestion(cut, cleaned)) {
    pasted = writesItsPorts(asQuestion.read.ports, reading);
  }
  // a one-line question with a sign of a paste (`why can't I reach 5986 on i-0abc…`): where the
  // paste reading finds no port, the question's ports stand unless the text marks them as non-ports
  if (signs && isTypedQuestion(cut, cleaned)) {
    reading = readPaste(lines);
    if (reading.found.length === 0) {
      const question = readAsQuestion(book, cleaned, input.length);
      const ports = question.read.ports;
      // single ports, a few: a date read as a range (`2026-11`) is no question's port
      const plain = ports.length > 0 && ports.length <= MAX_QUESTION_PORTS && ports.every((r) => r.from === r.to);
      if (plain && !contradicts(ports, reading.nonPorts)) {
        asQuestion = question;
        pasted = false;
      }
    }
  }
  // a text in another script, an error report, or sentences written to others, whose only clue is a
  // service it names (`SMB 端口被禁用`, `PXE-E32 TFTP open timeout`, `I had to add the rdp port again.
  // It works now`) answers for that service's ports: its words would find rules by chance
  // … and any text whose ports a name stands for, by its form rather than a word of it (`dig … @resolver1`,
  // `\\fs01\share`, `ldaps://dc01`): those are never a word found by chance
  // (a typed question with none of those signs is not read a second time: `what does rdp need`)
  if (
    !pasted &&
    asQuestion &&
    asQuestion.read.ports.length === 0 &&
    (NAMED_BY_FORM.test(cut) || OTHER_SCRIPT.test(cut) || MACHINE_WRITTEN.test(cleaned) || isProse(cut))
  ) {
    const named = reading ?? readPaste(lines);
    const byForm = named.found.length > 0 && named.found.every((f) => f.how === "named");
    const byService =
      named.found.length > 0 &&
      named.found.every((f) => f.how === "service") &&
      (OTHER_SCRIPT.test(cut) || MACHINE_WRITTEN.test(cleaned) || isProse(cut));
    if (byForm || byService) {
      reading = named;
      pasted = true;
    }
  }
  if (!pasted && asQuestion) {
    notices.push(...asQuestion.notices);
    return { text: asQuestion.text, pasted, found: [], ...asQuestion.read, notices };
  }
  if (input.length > MAX_PASTE_LENGTH) {
    notices.push({
      kind: "truncated",
      text: `That message is longer than ${MAX_PASTE_LENGTH} characters; amiport read the first ${MAX_PASTE_LENGTH}.`,
    });
  }
  const read = readQuestion(book, cleaned.slice(0, MAX_QUERY_LENGTH), true, notices);
  // Stryker disable next-line LogicalOperator: `reading` is always set here (a paste was read, or the text was found pasted by it), so `??` never calls readPaste and `&&` reads the same text again
  const found = (reading ?? readPaste(lines)).found;
  const protocols = new Set(found.map((f) => f.protocol));
  const single = protocols.size === 1 ? [...protocols][0] : undefined;
  const preferred = preferredDirection(found.map((f) => f.side));
  return {
    text: cleaned,
    pasted: true,
    found,
    ...read,
    ports: mergeRanges(found.map((f) => ({ from: f.port, to: f.port }))),
    protocols: single ? [single] : [],
    words: found.length > 0 ? [] : read.words,
    notices,
    ...(preferred ? { preferred } : {}),
  };
}

/** Whether the word ending at `end` is a name with a letter (`web` of `web-01`), not a port's lead. */
function isNameBefore(text: string, end: number): boolean {
  let start = end;
  while (start > 0 && start > end - 64 && /[a-z0-9]/.test(text[start - 1] as string)) start--;
  const word = text.slice(start, end);
  return /[a-z]/.test(word) && !PORT_LEADS.has(word);
}

/** Sentences a person wrote to others (a post, a reply), not a question typed to amiport: two or more. */
function isProse(text: string): boolean {
  // (a sentence may end in a quote or a bracket: `… with 'winrm quickconfig'. We need …`)
  return /[a-z]{2}['"’”)\]]?[.!?]\s+\S/i.test(text.trim()) || text.trim().includes("\n");
}

/** The first registered port: a bare number in prose below it is as often a count or a code. */
const FIRST_REGISTERED_PORT = 1024;
/** Numbers that read as years in prose, as the paste reader takes them (`since 2019`). */
const YEARS = { from: 1970, to: 2100 } as const;

/**
 * Whether a paste reading writes out ports of its own (not only a service's) and accounts for each
 * of the question's single numbers that could well be a port: from the registered range up (not a
 * year), or a port of a service amiport knows (`443 and 22`, `135 for the DTC`).
 */
function writesItsPorts(questionPorts: readonly PortRange[], reading: PasteReading): boolean {
  if (!reading.found.some((f) => f.how !== "service")) return false;
  const couldBePort = (n: number) =>
    pasteServices().knownPorts.has(n) || (n >= FIRST_REGISTERED_PORT && !(n >= YEARS.from && n <= YEARS.to));
  return questionPorts.every(
    ({ from, to }) =>
      from !== to || !couldBePort(from) || reading.nonPorts.has(from) || reading.found.some((f) => f.port === from),
  );
}

/** One short line with no error's words: what a person types, not what a machine printed. */
function isTypedQuestion(text: string, cleaned: string): boolean {
  return cleaned.length <= MAX_ONE_LINE_QUESTION && !text.trim().includes("\n") && !MACHINE_WRITTEN.test(cleaned);
}

/** The question reading, with its notices kept apart until the text is known not to be pasted. */
function readAsQuestion(
  book: RuleBook,
  cleaned: string,
  length: number,
): { text: string; read: QuestionParts; notices: Notice[] } {
  const notices: Notice[] = [];
  const text = cutQuestion(cleaned, length > MAX_PASTE_LENGTH ? length : cleaned.length, notices);
  const read = readQuestion(book, text, false, notices);
  return { text, read, notices };
}

/** Whether a question's ports include a number the text marks as something else. */
function contradicts(ports: readonly PortRange[], nonPorts: ReadonlySet<number>): boolean {
  return ports.some((range) => range.from === range.to && nonPorts.has(range.from));
}

/** Control and format characters out, lines kept: the port reader needs them (tables, wrapped numbers). */
function keepLines(text: string): string {
  return text.normalize("NFKC").replace(/[^\P{C}\n\t]|\uFFFD/gu, " ");
}

type QuestionParts = Omit<ParsedQuery, "text" | "pasted" | "found" | "notices">;

function readQuestion(book: RuleBook, text: string, pasted: boolean, notices: Notice[]): QuestionParts {
  const grammar = grammarOf(book);
  const { filler, known } = grammar;
  const normalized = applyPhrases(text.toLowerCase(), grammar);

  const ports: PortRange[] = [];
  const protocols = new Set<Protocol>();
  const directions = new Set<Direction>();
  const versions = new Set<string>();
  const unknownVersions = new Set<string>();
  const versionsAsWritten: string[] = [];
  const words: string[] = [];
  /** Where each unknown version stands in the text, to offer the question again with the nearest known one. */
  // Stryker disable next-line ArrayDeclaration: a span without a name never equals a version's name, so it is never replaced
  const unknownSpans: { name: string; from: number; to: number }[] = [];

  let at = 0;
  while (at < normalized.length) {
    const gap = stickyMatch(GAP, normalized, at);
    if (gap) {
      at += gap[0].length;
      continue;
    }
    // past a gap the text goes on with a letter or digit; each pattern is tried only where it can begin
    const first = normalized[at] as string;
    const version = VERSION_STARTS.includes(first) ? stickyMatch(VERSION, normalized, at) : null;
    const versionEnd = at + (version?.[0].length ?? 0);
    if (
      version?.groups &&
      (pasted ? isPastedVersion(version.groups, normalized, versionEnd) : isVersion(version.groups, normalized, at, versionEnd))
    ) {
      // Stryker disable next-line StringLiteral: the year group is not optional in VERSION, so the fallback is never taken
      const name = versionName(version.groups.year ?? "", version.groups.suffix);
      // a log may name any Windows version; only the ones the data knows narrow an answer
      if (known.has(name)) versions.add(name);
      else if (!pasted) {
        unknownVersions.add(name);
        // the prefix match may start with the gap's spaces: keep them
        // Stryker disable next-line MethodExpression: the loop skips gaps before matching, so a match never starts with spaces and trimStart() and trimEnd() both leave the length
        const from = at + version[0].length - version[0].trimStart().length;
        unknownSpans.push({ name, from, to: versionEnd });
      }
      if (known.has(name) || !pasted) versionsAsWritten.push(name);
      at = versionEnd;
      continue;
    }
    const protocolNumber = first === "p" ? stickyMatch(PROTOCOL_NUMBER, normalized, at) : null;
    if (protocolNumber) {
      at += protocolNumber[0].length;
      if (pasted) continue;
      // Stryker disable next-line StringLiteral: the number group is not optional in PROTOCOL_NUMBER, so the fallback is never taken
      const protocol = PROTOCOL_NUMBERS.get(protocolNumber[1] ?? "");
      if (protocol) protocols.add(protocol);
      else notices.push({ kind: "no-match", text: `The AWS page has no rules for protocol number ${protocolNumber[1]}.` });
      continue;
    }
    // a name's number (`web-01`, `computer-001`) or an issue's (`cubecos-private#73`) is no port,
    // nor a network's prefix length written alone (`use the /32 prefix`), nor a negative number
    // (`Error Code: [-1]`, `returned -1`)
    const named =
      first >= "0" &&
      first <= "9" &&
      (((normalized[at - 1] === "-" || normalized[at - 1] === "#") && isNameBefore(normalized, at - 1)) ||
        (normalized[at - 1] === "/" && (at < 2 || normalized[at - 2] === " ")) ||
        (normalized[at - 1] === "-" && isNegative(normalized, at)));
    const portList = first >= "0" && first <= "9" && !named ? stickyMatch(PORT_LIST, normalized, at) : null;
    if (portList) {
      at += portList[0].length;
      // in pasted text, numbers are dates, counts and ids; findPorts reads its ports
      if (pasted) continue;
      const parsed = parsePortList(portList[0]);
      if (parsed.ok) ports.push(...parsed.ranges);
      else notices.push({ kind: "bad-port", text: `${capitalize(parsed.problem)}.` });
      continue;
    }
    const word = stickyMatch(WORD, normalized, at);
    // Stryker disable next-line BlockStatement: past a gap the text goes on with a letter or digit, which WORD always matches
    if (!word) {
      // Stryker disable next-line AssignmentOperator: unreachable, see the line above
      at += 1;
      continue;
    }
    at += word[0].length;
    const token = word[0];
    const protocol = PROTOCOL_WORDS.get(token);
    const direction = DIRECTION_WORDS.get(token);
    if (protocol) {
      if (!pasted) for (const p of protocol) protocols.add(p);
    } else if (direction) {
      if (!pasted && !(token === "in" && startsWithVersion(normalized, at))) directions.add(direction);
    } else if (isMeaningful(token, filler) && !words.includes(token)) words.push(token);
  }

  for (const name of unknownVersions) notices.push(unknownVersionNotice(book, name, normalized, unknownSpans));
  return {
    ports: mergeRanges(ports),
    protocols: [...protocols],
    directions: [...directions],
    versions: book.operatingSystems.filter((os) => versions.has(os)),
    unknownVersions: [...unknownVersions],
    versionsAsWritten,
    words,
  };
}

/**
 * `AWS's page does not list Windows Server 2025 yet (retrieved 2026-11-26); the nearest it lists is
 * 2022.`, offering the same question for 2022. Never answers with the other version unasked.
 */
function unknownVersionNotice(
  book: RuleBook,
  name: string,
  text: string,
  spans: readonly { name: string; from: number; to: number }[],
): Notice {
  const nearest = nearestVersion(book.operatingSystems, name);
  const newer = book.operatingSystems.every((os) => yearOf(os) < yearOf(name));
  const retrieved = book.attribution.retrieved;
  const head = `AWS's page does not list ${name}${newer ? " yet" : ""} (retrieved ${retrieved})`;
  if (!nearest) return { kind: "unknown-version", text: `${head}.` };
  // Stryker disable next-line Regex: every listed version starts with `Windows Server `, so the anchor changes nothing
  const short = nearest.replace(/^Windows Server /, "");
  let question = text;
  for (const span of [...spans].reverse()) {
    if (span.name === name) question = `${question.slice(0, span.from)}${short.toLowerCase()}${question.slice(span.to)}`;
  }
  return {
    kind: "unknown-version",
    text: `${head}; the nearest it lists is ${short}.`,
    offer: { label: `Show ${short}'s answer`, question: question.replace(/\s+/g, " ").trim() },
  };
}

function yearOf(version: string): number {
  // Stryker disable next-line OptionalChaining: every name given has a four-digit year
  return Number(/\d{4}/.exec(version)?.[0] ?? 0);
}

/** The listed version closest in year; on a tie the later one, and the latest edition of that year. */
function nearestVersion(listed: readonly string[], name: string): string | undefined {
  const year = yearOf(name);
  let best: string | undefined;
  for (const os of listed) {
    // Stryker disable next-line BlockStatement: without it the first version is still taken, as the closest to year 0 (yearOf(undefined) is 0)
    if (best === undefined) {
      best = os;
      continue;
    }
    const distance = Math.abs(yearOf(os) - year);
    const bestDistance = Math.abs(yearOf(best) - year);
    if (distance < bestDistance || (distance === bestDistance && yearOf(os) >= yearOf(best))) best = os;
  }
  return best;
}

function isMeaningful(token: string, filler: ReadonlySet<string>): boolean {
  return token.length > 1 && !filler.has(token) && !DIRECTION_WORDS.has(token);
}

function cleanInput(input: string, notices: Notice[]): string {
  const printable = input
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\uFFFD]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (input.trim() !== "" && printable === "") {
    notices.push({ kind: "unreadable", text: "That doesn't look like text amiport can read." });
  }
  return printable;
}

function cutQuestion(text: string, length: number, notices: Notice[]): string {
  if (text.length <= MAX_QUERY_LENGTH) return text;
  notices.push({
    kind: "truncated",
    text: `That question is ${length} characters long; amiport read the first ${MAX_QUERY_LENGTH}.`,
  });
  return text.slice(0, MAX_QUERY_LENGTH);
}

function applyPhrases(text: string, { phrases, anyPhrase }: Grammar): string {
  // most questions name no phrase: one pass finds that out instead of one per phrase
  let result = ` ${text} `;
  // Stryker disable next-line MethodExpression: spaces at the ends are gaps the reader skips, and the offered question is trimmed
  if (!anyPhrase.test(result)) return result.trim();
  for (const [phrase, replacement] of phrases) result = result.replace(phrase, ` ${replacement} `);
  // Stryker disable next-line MethodExpression: spaces at the ends are gaps the reader skips, and the offered question is trimmed
  return result.trim();
}

/** What parsing needs from a book's vocabulary, prepared once per book. */
interface Grammar {
  /** Longest first, so `powershell remoting` wins over a shorter phrase inside it. */
  readonly phrases: readonly (readonly [RegExp, string])[];
  /** Matches where any of `phrases` would. */
  readonly anyPhrase: RegExp;
  readonly filler: ReadonlySet<string>;
  /** The versions the data has rules for. */
  readonly known: ReadonlySet<string>;
}

/** The words of questions that say nothing about a rule (`what`, `need`, `open`, ...). */
export function fillerWords(book: RuleBook): ReadonlySet<string> {
  return grammarOf(book).filler;
}

const grammars = new WeakMap<RuleBook, Grammar>();
function grammarOf(book: RuleBook): Grammar {
  let grammar = grammars.get(book);
  if (!grammar) {
    const patterns = Object.entries(book.vocabulary.phrases)
      .sort(([a], [b]) => b.length - a.length)
      .map(([phrase, replacement]) => {
        const pattern = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[\s-]+/g, "[\\s-]+");
        return [pattern, replacement] as const;
      });
    grammar = {
      phrases: patterns.map(([pattern, replacement]) => [phraseAt(pattern, "g"), replacement] as const),
      anyPhrase: phraseAt(patterns.map(([pattern]) => pattern).join("|") || "(?!)", ""),
      filler: new Set(book.vocabulary.fillerWords.map((w) => w.toLowerCase())),
      known: new Set(book.operatingSystems),
    };
    grammars.set(book, grammar);
  }
  return grammar;
}

/** A phrase pattern standing as whole words. */
function phraseAt(pattern: string, flags: string): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${pattern})(?![a-z0-9])`, flags);
}

function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * A year with a prefix (`server 2019`) or suffix (`2012 r2`) is a version; a bare one only if it is
 * a Windows year not written as a port: `port 2019`, `2019/tcp`, `2019-2022`, `2019,2020`.
 */
function isVersion(groups: Record<string, string | undefined>, text: string, start: number, end: number): boolean {
  if ((groups.prefix ?? "").trim() !== "" || groups.suffix !== undefined) return true;
  // Stryker disable next-line StringLiteral: the year group is not optional in VERSION, so the fallback is never taken
  // bare years that mean a Windows version; other four-digit numbers are ports unless a prefix says otherwise
  if (!WINDOWS_RELEASE_YEARS.has(groups.year ?? "")) return false;
  const before = text.slice(Math.max(0, start - 24), start);
  if (PORT_PREFIX.test(before) || /[-,]\s*$/.test(before)) return false;
  return !/^\s*(?:[-,]\s*\d|\/\s*(?:tcp|udp))/.test(text.slice(end, end + 12));
}

/** In pasted text a year is a version only as `windows 2019`, `server 2019`, `ws2019` or `2012 r2`, never in a date. */
function isPastedVersion(groups: Record<string, string | undefined>, text: string, end: number): boolean {
  // Stryker disable next-line StringLiteral: the prefix group is not optional in VERSION (it may be empty), so the fallback is never taken
  if (!/[a-z]/.test(groups.prefix ?? "") && groups.suffix === undefined) return false;
  return !/^\s*[-/.:]\s*\d/.test(text.slice(end, end + 4));
}

function versionName(year: string, suffix: string | undefined): string {
  const fullYear = year.startsWith("2k") ? String(2000 + Number(year.slice(2))) : year;
  const tag = suffix?.replace(/\s/g, "").toUpperCase();
  if (tag) return `Windows Server ${fullYear} ${tag}`;
  // Windows Server 2008 without R2 is the release whose last service pack, SP2, the data lists.
  return fullYear === "2008" ? "Windows Server 2008 SP2" : `Windows Server ${fullYear}`;
}

function startsWithVersion(text: string, at: number): boolean {
  const gap = stickyMatch(GAP, text, at);
  const start = at + (gap ? gap[0].length : 0);
  const version = stickyMatch(VERSION, text, start);
  return version !== null && version.groups !== undefined && /\S/.test(version[0]);
}

function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else merged.push(range);
  }
  return merged;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
