/**
 * A step of `npm run build`: checks every data file against its schema and writes the text of
 * those that passed unchanged to dist/data-stamp.json, so that `amiport` starts without
 * loading zod. Broken data fails the build with the same message amiport would give.
 * `npm run data:refresh -- --write` renews the stamp the same way after rewriting data/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { DATA_STAMP_PATH, type DataStamp } from "../core/data-stamp.js";
import { checkFile, DataError, DEFAULT_DATA_DIR, loadRuleBook } from "../core/rule-book.js";
import type { DataSchemaName } from "../core/schema.js";

const FILES: Readonly<Record<DataSchemaName, string>> = {
  portsFile: "windows-ami-ports.json",
  vocabularyFile: "vocabulary.json",
  realWordsFile: "real-words.json",
  commonWordsFile: "common-words.json",
};

/** Checks the data files of `dataDir` and writes the digests of those that passed unchanged; throws DataError. */
export function writeDataStamp(dataDir: string = DEFAULT_DATA_DIR, stampPath: string = DATA_STAMP_PATH): DataStamp {
  const stamp: DataStamp = {};
  for (const [schemaName, file] of Object.entries(FILES) as [DataSchemaName, string][]) {
    const path = join(dataDir, file);
    const text = readFileSync(path, "utf8");
    const raw: unknown = JSON.parse(text);
    // a file whose values the schema changes (trims, say) is checked at every start instead
    if (isDeepStrictEqual(checkFile(path, schemaName, raw), raw)) stamp[schemaName] = text;
  }
  // the checks across files (ids, sections, tags) run as amiport would run them
  loadRuleBook(dataDir);
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const stamp = writeDataStamp();
    console.log(`data checked: ${Object.keys(stamp).join(", ")} stamped in ${DATA_STAMP_PATH}`);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    console.error(`amiport: the rule data is broken: ${error.message}`);
    process.exitCode = 1;
  }
}
