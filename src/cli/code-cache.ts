/**
 * Runs a CommonJS script through V8's code cache: the compiled code of an earlier run, stored beside
 * the script, so a cold `amiport 5985` deserialises instead of parsing and compiling the bundle
 * (Node 22's module.enableCompileCache does this; Node 20 has only vm.Script's cachedData). A cache
 * from another Node or V8 version is rejected by V8 itself and the script compiles as usual.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

export interface CodeCacheRun {
  /** Whether a cache was found and V8 took it. */
  readonly cacheUsed: boolean;
  /** Writes the cache of everything compiled so far (call it once the script's work is done). */
  readonly writeCache: () => void;
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Compiles `scriptPath` as a CommonJS module's function, with the cache at `cachePath` where V8 takes it. */
export function compileWithCodeCache(scriptPath: string, cachePath: string): { script: Script; cacheUsed: boolean } {
  // a shebang line is not JavaScript inside a function wrapper
  const source = readFileSync(scriptPath, "utf8").replace(/^#!.*/, "");
  const cachedData = readCache(cachePath);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: scriptPath,
    ...(cachedData ? { cachedData } : {}),
  });
  return { script, cacheUsed: cachedData !== undefined && script.cachedDataRejected === false };
}

/** Compiles and runs `scriptPath` as a CommonJS module, with the cache at `cachePath` where there is one. */
export function runWithCodeCache(scriptPath: string, cachePath: string): CodeCacheRun {
  const { script, cacheUsed } = compileWithCodeCache(scriptPath, cachePath);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(scriptPath), module, scriptPath, dirname(scriptPath));
  return { cacheUsed, writeCache: () => writeFileSync(cachePath, script.createCachedData()) };
}
