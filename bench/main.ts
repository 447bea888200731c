/**
 * `npm run bench`: prints the figures; asserts nothing (these machines are shared and noisy).
 * `npm run bench -- http cli` runs only the parts named (registrations, answers, core, paste,
 * aws-page, cli, http, memory, database, check).
 */
import { benchAwsPage } from "./aws-page.js";
import { benchCheck } from "./check.js";
import { benchCli } from "./cli.js";
import { benchAnswers, benchCore } from "./core.js";
import { benchDatabase } from "./database.js";
import { benchHttp, benchMemory } from "./http.js";
import { benchPaste } from "./paste.js";
import { benchRegistrations } from "./registrations.js";
import { targetSummary } from "./targets.js";

const parts: Record<string, () => string[] | Promise<string[]>> = {
  registrations: benchRegistrations,
  answers: () => benchAnswers(),
  core: () => benchCore(),
  paste: benchPaste,
  "aws-page": benchAwsPage,
  cli: benchCli,
  http: benchHttp,
  memory: benchMemory,
  database: benchDatabase,
  check: benchCheck,
};
const asked = process.argv.slice(2);
for (const [name, run] of Object.entries(parts)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  try {
    for (const line of await run()) console.log(line);
  } catch (error) {
    // one part failing on a busy machine leaves the others' figures
    console.log(`${name}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}
for (const line of targetSummary()) console.log(line);
