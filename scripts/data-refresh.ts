/**
 * Compares a saved copy of the AWS page "Ports and protocols for Windows AMIs" (its Markdown form,
 * https://docs.aws.amazon.com/ec2/latest/windows-ami-reference/ports-and-protocols.md) with
 * data/windows-ami-ports.json, and with --write brings the data up to date. Never uses the network.
 *
 *   npm run data:refresh -- --from page.md [--json] [--write] [--retrieved YYYY-MM-DD]
 *
 * Exit status: 0 no difference, 1 differences (printed; written only with --write), 2 a file that
 * is not a readable copy of the page (or a usage error), with one line saying why.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeDataStamp } from "../src/build/stamp-data.js";
import { MAX_PAGE_BYTES, parseAwsPage } from "../src/core/aws-page.js";
import { refreshFromPage } from "../src/core/page-refresh.js";
import { checkFile, DataError, DEFAULT_DATA_DIR } from "../src/core/rule-book.js";
import type { PortsFile } from "../src/core/schema.js";
import { renderRefreshText } from "../src/render/refresh-text.js";

export const REFRESH_EXIT = { same: 0, differs: 1, unreadable: 2 } as const;
const PORTS_FILE = "windows-ami-ports.json";
/** dist/data-stamp.json: the stamp of the compiled code that `amiport` runs. */
const BUILD_STAMP_PATH = fileURLToPath(new URL("../dist/data-stamp.json", import.meta.url));

export interface RefreshIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Today's date (UTC) for the retrieval date, unless --retrieved says otherwise. */
  readonly today?: () => string;
}

const USAGE = "usage: npm run data:refresh -- --from FILE [--json] [--write] [--retrieved YYYY-MM-DD]";

export function runDataRefresh(argv: readonly string[], io: RefreshIo): number {
  let values: { from?: string; json?: boolean; write?: boolean; retrieved?: string; data?: string; stamp?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        from: { type: "string" },
        json: { type: "boolean" },
        write: { type: "boolean" },
        retrieved: { type: "string" },
        data: { type: "string" },
        stamp: { type: "string" },
      },
    }));
  } catch (error) {
    io.err(`data:refresh: ${(error as Error).message}\n${USAGE}\n`);
    return REFRESH_EXIT.unreadable;
  }
  if (!values.from) {
    io.err(`data:refresh: --from FILE names the saved copy of the page\n${USAGE}\n`);
    return REFRESH_EXIT.unreadable;
  }
  const retrieved = values.retrieved ?? io.today?.() ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(retrieved)) {
    io.err(`data:refresh: --retrieved takes a date such as 2026-11-26, not "${retrieved.slice(0, 40)}"\n`);
    return REFRESH_EXIT.unreadable;
  }

  const read = readPage(values.from);
  if (!read.ok) {
    io.err(`data:refresh: ${values.from}: ${read.problem}\n`);
    return REFRESH_EXIT.unreadable;
  }
  const parsed = parseAwsPage(read.text);
  if (!parsed.ok) {
    io.err(`data:refresh: ${values.from}: ${parsed.problem}\n`);
    return REFRESH_EXIT.unreadable;
  }

  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const portsPath = join(dataDir, PORTS_FILE);
  let data: PortsFile;
  try {
    data = checkFile<PortsFile>(portsPath, "portsFile", JSON.parse(readFileSync(portsPath, "utf8")));
  } catch (error) {
    io.err(`data:refresh: ${error instanceof DataError ? error.message : `${portsPath}: ${(error as Error).message}`}\n`);
    return REFRESH_EXIT.unreadable;
  }

  const { diff, differs, next } = refreshFromPage(data, parsed.page);
  io.out(values.json ? `${JSON.stringify(diff, null, 2)}\n` : renderRefreshText(diff, differs));

  if (values.write) {
    const written: PortsFile = { ...next, retrieved, pageSha256: read.sha256 };
    const withKeyOrder = orderKeys(written, data);
    writeFileSync(portsPath, JSON.stringify(withKeyOrder, null, 1));
    const stampPath = values.stamp ?? (values.data ? join(dataDir, "data-stamp.json") : BUILD_STAMP_PATH);
    try {
      writeDataStamp(dataDir, stampPath);
    } catch (error) {
      io.err(`data:refresh: wrote ${portsPath}, but it does not load: ${(error as Error).message}\n`);
      return REFRESH_EXIT.unreadable;
    }
    if (!values.json) io.out(`Wrote ${portsPath} (retrieved ${retrieved}, page sha256 ${read.sha256}); stamp ${stampPath}.\n`);
  } else if (differs && !values.json) {
    io.out("Nothing written: run again with --write to bring data/ up to date, then review the diff.\n");
  }
  return differs ? REFRESH_EXIT.differs : REFRESH_EXIT.same;
}

type ReadPage = { ok: true; text: string; sha256: string } | { ok: false; problem: string };

/** Cut to size before reading, refused unless it is UTF-8 text. */
function readPage(path: string): ReadPage {
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_PAGE_BYTES) return { ok: false, problem: `over ${MAX_PAGE_BYTES} bytes: not that page` };
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (bytes.includes(0)) return { ok: false, problem: "the file is binary, not Markdown" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "the file is not UTF-8 text" };
  }
  return { ok: true, text, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** The file's keys in the order the data has them, a new key (pageSha256) after `retrieved`. */
function orderKeys(file: PortsFile, old: PortsFile): PortsFile {
  const keys = Object.keys(old).filter((k) => k !== "pageSha256");
  keys.splice(keys.indexOf("retrieved") + 1, 0, "pageSha256");
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (key in file) ordered[key] = file[key as keyof PortsFile];
  for (const [key, value] of Object.entries(file)) if (!(key in ordered)) ordered[key] = value;
  return ordered as unknown as PortsFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // a reader that stops early (`| head`) ends the report, not with a stack trace
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit();
  });
  process.exitCode = runDataRefresh(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
