/** amiport's query core: no Slack, no terminal; data in, ranked rules out. */

export { type BrowseFilter, browseRules } from "./browse.js";
export {
  type ChangedField,
  type DiffFilter,
  type DiffQuestion,
  type DiffSection,
  diffBySection,
  diffVersions,
  type RuleChange,
  readDiffQuestion,
  type VersionDiff,
} from "./diff.js";
export { addFilter, type FilterKind, type FilterResult } from "./filters.js";
export {
  BOTH_LAYERS,
  type CommandPurpose,
  type CommandShell,
  commandsForPort,
  commandsForRule,
  type NextCommand,
  openingNote,
  PLACEHOLDERS,
  quotePowerShell,
} from "./next-commands.js";
export { FOUND_PREFIX, type FoundPort, findPorts, looksPasted, MAX_FOUND, MAX_PASTE_LENGTH } from "./paste.js";
export { asksForPortMap, buildPortMap, type PortMapLine } from "./port-map.js";
export { type PortRange, parsePortList } from "./ports.js";
export { MAX_QUERY_LENGTH, type Notice, type NoticeKind, type ParsedQuery, parseQuery } from "./query.js";
export {
  isRegistryLoaded,
  MAX_REGISTRATIONS,
  type Registration,
  registrationsFor,
  type ServicePorts,
  servicePorts,
  type TransportProtocol,
} from "./registrations.js";
export {
  DataError,
  DEFAULT_DATA_DIR,
  loadRuleBook,
  type NoteSource,
  type PortCell,
  type Rule,
  type RuleBook,
  type RuleNote,
} from "./rule-book.js";
export type { Direction, Protocol, Source } from "./schema.js";
export {
  type Answer,
  MAX_PORT_GROUPS,
  type MatchReason,
  type PortAnswer,
  prepareSearch,
  protocolName,
  type RuleMatch,
  type SearchOptions,
  type ServiceWord,
  searchRules,
  type Understood,
} from "./search.js";
export { MAX_UNOPENED, type Unopened, type UnopenedPort, unopenedPorts } from "./unopened.js";
