/**
 * Which kind of answer a Slack question gets: a comparison of two versions, a port map for a
 * question of filters alone, or rule cards. Transport-free, so every path is one function call.
 */
import {
  asksForPortMap,
  diffVersions,
  type ParsedQuery,
  parseQuery,
  type RuleBook,
  readDiffQuestion,
  searchRules,
} from "../core/index.js";
import { PAGE_SIZE, renderAnswerMessage, type SlackMessage } from "../render/blocks.js";
import { renderDiffMessage, renderDiffProblem } from "../render/diff-blocks.js";
import { renderPortMapMessage } from "../render/port-map.js";

export interface ComposeOptions {
  readonly offset: number;
  readonly shareable: boolean;
  readonly sharedBy?: string;
  /** Rule cards even where a port map would answer. */
  readonly cards?: boolean;
  /** The section of a comparison to expand. */
  readonly group?: string;
  /** The text is a whole message (the "Look up ports" shortcut): looked up, never compared or mapped. */
  readonly fromMessage?: boolean;
}

export interface ComposedReply {
  readonly message: SlackMessage;
  /** Rules in the answer (for a comparison: the differences), for the request log. */
  readonly total: number;
  /** The question as read. */
  readonly query: string;
}

export function composeReply(book: RuleBook, question: string, options: ComposeOptions): ComposedReply {
  const shared = options.sharedBy ? { sharedBy: options.sharedBy } : {};
  const parsed = readMessage(parseQuery(book, question), options);
  const comparison = options.fromMessage ? null : readDiffQuestion(book, parsed);
  if (comparison && !comparison.ok) return { message: renderDiffProblem(comparison.problem), total: 0, query: parsed.text };
  if (comparison?.ok) {
    const diff = diffVersions(book, comparison.from, comparison.to, comparison.filter);
    const message = renderDiffMessage(diff, book, {
      // the text as read (cleaned, at most 500 characters): what the buttons carry back
      question: parsed.text,
      shareable: options.shareable,
      ...shared,
      ...(options.group !== undefined ? { group: options.group } : {}),
    });
    return { message, total: diff.added.length + diff.removed.length + diff.changed.length, query: parsed.text };
  }
  if (!options.cards && !options.fromMessage && asksForPortMap(parsed)) {
    const answer = searchRules(book, parsed);
    if (answer.total > 0) {
      return {
        message: renderPortMapMessage(answer, book, { shareable: options.shareable, ...shared }),
        total: answer.total,
        query: answer.query,
      };
    }
  }
  const answer = searchRules(book, parsed, { offset: options.offset, limit: PAGE_SIZE });
  const message = renderAnswerMessage(answer, book, {
    offset: options.offset,
    shareable: options.shareable,
    ...shared,
    ...(options.cards ? { cards: true } : {}),
    ...(options.fromMessage ? { fromMessage: true } : {}),
  });
  return { message, total: answer.total, query: answer.query };
}

/**
 * A whole message someone else wrote names versions to say where something happened or what a
 * rule covers ("TCP 5985 in · Windows Server 2012 to 2022"), not to narrow the ports it names: those
 * are answered for every version, as a question naming the port alone would be.
 */
function readMessage(parsed: ParsedQuery, options: ComposeOptions): ParsedQuery {
  return options.fromMessage && parsed.ports.length > 0 && parsed.versions.length > 0 ? { ...parsed, versions: [] } : parsed;
}
