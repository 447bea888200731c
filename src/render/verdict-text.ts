/** A check's verdict for a terminal: one line per layer with what decided it, then the default rule and the fix. */
import type { RuleBook } from "../core/index.js";
import type { CheckReport } from "../core/reachability/index.js";
import { type Paint, plain } from "./terminal.js";
import { checkHeadline, defaultsLine, LAYER_MARK } from "./verdict-facts.js";

const LAYER_WIDTH = "windows-firewall".length;
/** "  ✓ pass    " then the layer name and two spaces: where the reason starts, and the cite under it. */
const CITE_INDENT = 12 + LAYER_WIDTH + 2;
const STYLE = { pass: "green", blocked: "red", unknown: "yellow" } as const;

export function renderVerdict(report: CheckReport, book: RuleBook, paint: Paint = plain): string {
  const overall = report.verdict === "open" ? "green" : report.verdict === "blocked" ? "red" : "yellow";
  const lines = [paint(["bold", overall], checkHeadline(report)), ""];
  for (const layer of report.layers) {
    const mark = paint(STYLE[layer.verdict], `${LAYER_MARK[layer.verdict]} ${layer.verdict.padEnd(7)}`);
    lines.push(`  ${mark} ${layer.layer.padEnd(LAYER_WIDTH)}  ${layer.reason}`);
    if (layer.cite) lines.push(`${" ".repeat(CITE_INDENT)}${paint("dim", layer.cite)}`);
  }
  lines.push("", defaultsLine(report, book));
  if (report.fix) lines.push("", `Fix: ${report.fix}`);
  return `${lines.join("\n")}\n`;
}
