/**
 * What the build checked: the text of each data file that passed its schema unchanged (no value
 * trimmed or defaulted), written by `npm run build` beside the compiled code. A file with the same
 * text needs no second check at start; any other file is checked in full. The text itself, not a
 * digest of it: comparing some 100 KB costs less than loading node:crypto, which was a tenth of
 * `amiport 5985`'s start.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DataSchemaName } from "./schema.js";

/** `dist/data-stamp.json` for the compiled code; run from source, there is none and every file is checked. */
export const DATA_STAMP_PATH = fileURLToPath(new URL("../data-stamp.json", import.meta.url));

export type DataStamp = Partial<Record<DataSchemaName, string>>;

let stamp: DataStamp | undefined;

export function checkedTexts(): DataStamp {
  stamp ??= readDataStamp(DATA_STAMP_PATH);
  return stamp;
}

/** The stamp at `path`: nothing checked when there is none, or it is no JSON object. */
export function readDataStamp(path: string): DataStamp {
  try {
    const read: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof read === "object" && read !== null ? (read as DataStamp) : {};
  } catch {
    return {};
  }
}
