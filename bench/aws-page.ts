/**
 * Reading the AWS page for `npm run data:refresh`: the real page, the comparison with data/, and
 * inputs up to the 1 MiB cap built to make a careless pattern backtrack, at two sizes to show the
 * time grows with the length and no faster. Prints figures; asserts nothing.
 */
import { readFileSync } from "node:fs";
import { MAX_PAGE_BYTES, parseAwsPage } from "../src/core/aws-page.js";
import { refreshFromPage } from "../src/core/page-refresh.js";
import { formatStats, timeRuns } from "./stats.js";

const page = readFileSync(new URL("../test/fixtures/aws-page/current.md", import.meta.url), "utf8");
const data = JSON.parse(readFileSync(new URL("../data/windows-ami-ports.json", import.meta.url), "utf8"));
const TITLE = "# Ports and Protocols for AWS Windows AMIs\n## A\n- **Windows Server 2022**\n";

/** Repeats `unit` to fill `size` characters after the page title. */
const filled = (unit: string, size: number) => TITLE + unit.repeat(Math.floor((size - TITLE.length) / unit.length));

const ADVERSARIAL: readonly (readonly [string, string])[] = [
  ["one line of pipes", "|"],
  ["table lines", "| a | b |\n"],
  ["rule bullets with field separators", "  - **Rule:** x / **Port:** / **Port:** / **Port:**\n"],
  ["one line of ' / **'", " / **"],
  ["Local: without Remote:", "  - **Rule:** x / **Port:** Local: Local: Local: Local: Local:\n"],
  ["heading spaces", "##          <a \n"],
  ["Markdown escapes", "\\(\\-\\.\\|"],
  ["glued Windows words", "WindowsA"],
  ["spaces", " "],
];

export function benchAwsPage(): string[] {
  const parsed = parseAwsPage(page);
  if (!parsed.ok) throw new Error(parsed.problem);
  const lines = [
    formatStats(
      "aws page: parse today's page (40 KB)",
      timeRuns(() => parseAwsPage(page), 200),
    ),
    formatStats(
      "aws page: compare with data/",
      timeRuns(() => refreshFromPage(data, parsed.page), 200),
    ),
  ];
  for (const [label, unit] of ADVERSARIAL) {
    const quarter = timeRuns(() => parseAwsPage(filled(unit, MAX_PAGE_BYTES / 4)), 5);
    const full = timeRuns(() => parseAwsPage(filled(unit, MAX_PAGE_BYTES - 1)), 5);
    lines.push(
      `${formatStats(`aws page: ${label}, 1 MiB`, full)}  (x${(full.p50Ms / quarter.p50Ms).toFixed(1)} for 4x the size)`,
    );
  }
  return lines;
}
