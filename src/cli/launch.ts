#!/usr/bin/env node
/**
 * `amiport` as installed (package.json's `bin`, dist/cli/amiport.cjs): runs the bundled command line
 * (dist/cli/amiport-main.cjs) through the V8 code cache `npm run build` left beside it. The build
 * makes that cache by running `amiport 5985` once with AMIPORT_CODE_CACHE_WRITE=1.
 */
import { fileURLToPath } from "node:url";
import { runWithCodeCache } from "./code-cache.js";

const run = runWithCodeCache(
  fileURLToPath(new URL("./amiport-main.cjs", import.meta.url)),
  fileURLToPath(new URL("./amiport-main.cache", import.meta.url)),
);
if (process.env.AMIPORT_CODE_CACHE_WRITE === "1") process.on("exit", run.writeCache);
