/**
 * What IANA's table costs, and that questions which do not need it never pay it. Each figure that
 * depends on the table not being read yet is taken in a fresh process.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { commandsForPort, commandsForRule, loadRuleBook, registrationsFor, searchRules } from "../src/core/index.js";
import { formatStats, timeRuns } from "./stats.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs in a fresh process: is the table read after `5985`, and what does the first `5986` cost? */
const FRESH_PROCESS = `
import { performance } from "node:perf_hooks";
import { isRegistryLoaded, loadRuleBook, searchRules } from "./src/core/index.ts";
const book = loadRuleBook();
searchRules(book, "rdp");
const t0 = performance.now();
for (let i = 0; i < 1000; i++) searchRules(book, "5985");
const plainMs = (performance.now() - t0) / 1000;
const afterPlain = isRegistryLoaded();
const t1 = performance.now();
searchRules(book, "5986");
const firstMs = performance.now() - t1;
const t2 = performance.now();
searchRules(book, "kerberos");
const serviceMs = performance.now() - t2;
console.log(JSON.stringify({ afterPlain, plainMs, firstMs, serviceMs, afterUnopened: isRegistryLoaded() }));
`;

export function benchRegistrations(): string[] {
  const fresh = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", FRESH_PROCESS], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const lines: string[] = [];
  try {
    const r = JSON.parse(fresh.stdout) as {
      afterPlain: boolean;
      plainMs: number;
      firstMs: number;
      serviceMs: number;
      afterUnopened: boolean;
    };
    lines.push(
      `iana: table read after 1000 x "5985": ${r.afterPlain ? "YES (should not be)" : "no"} (${r.plainMs.toFixed(4)} ms each); ` +
        `first "5986" reads it: ${r.firstMs.toFixed(1)} ms (read: ${r.afterUnopened ? "yes" : "no"}); ` +
        `first service word ("kerberos") indexes it by name: ${r.serviceMs.toFixed(1)} ms`,
    );
  } catch {
    lines.push(`iana: the fresh-process measurement failed: ${fresh.stderr.trim().split("\n")[0] ?? "no output"}`);
  }

  const book = loadRuleBook();
  searchRules(book, "5986");
  const unopened = ["5986", "kerberos", "sql server", "port 22", "8080", "ldap 2019"];
  let i = 0;
  lines.push(
    formatStats(
      "searchRules, a port no rule uses (table read)",
      timeRuns(() => searchRules(book, unopened[i++ % unopened.length] as string), 10_000),
    ),
    formatStats(
      "registrationsFor 1 port",
      timeRuns(() => registrationsFor([{ from: 5986, to: 5986 }]), 10_000),
    ),
    formatStats(
      "commandsForRule + commandsForPort",
      timeRuns(() => commandsForRule(book.rules[i++ % book.rules.length]!) && commandsForPort(5986, "tcp"), 10_000),
    ),
  );
  return lines;
}
