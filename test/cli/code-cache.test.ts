import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { compileWithCodeCache, runWithCodeCache } from "../../src/cli/code-cache.js";

const runs = globalThis as { codeCacheRuns?: string[] };
let dir: string;

function script(body: string): { scriptPath: string; cachePath: string } {
  dir = mkdtempSync(join(tmpdir(), "amiport-code-cache-"));
  const scriptPath = join(dir, "script.cjs");
  writeFileSync(scriptPath, `#!/usr/bin/env node\n${body}\n`);
  return { scriptPath, cachePath: join(dir, "script.cache") };
}

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  runs.codeCacheRuns = [];
});

describe("runWithCodeCache", () => {
  const body =
    "(globalThis.codeCacheRuns ??= []).push(require('node:path').basename(__filename) + ' ' + require('node:path').basename(__dirname).slice(0, 7));";

  it("runs a script as CommonJS (shebang, require, __filename, __dirname) with no cache, and writes one", () => {
    const { scriptPath, cachePath } = script(body);
    const run = runWithCodeCache(scriptPath, cachePath);
    expect(runs.codeCacheRuns).toEqual(["script.cjs amiport"]);
    expect(run.cacheUsed).toBe(false);
    run.writeCache();
    expect(readFileSync(cachePath).length).toBeGreaterThan(0);
  });

  it("takes the cache an earlier run wrote, and still runs the script", () => {
    const { scriptPath, cachePath } = script(body);
    runWithCodeCache(scriptPath, cachePath).writeCache();
    const second = runWithCodeCache(scriptPath, cachePath);
    expect(second.cacheUsed).toBe(true);
    expect(runs.codeCacheRuns).toHaveLength(2);
  });

  it("compiles as usual when the cache is not V8's (another Node, a broken file)", () => {
    const { scriptPath, cachePath } = script(body);
    writeFileSync(cachePath, "not a code cache");
    const run = runWithCodeCache(scriptPath, cachePath);
    expect(run.cacheUsed).toBe(false);
    expect(runs.codeCacheRuns).toEqual(["script.cjs amiport"]);
  });

  it("rejects the cache of a script that changed since", () => {
    const { scriptPath, cachePath } = script(body);
    runWithCodeCache(scriptPath, cachePath).writeCache();
    writeFileSync(scriptPath, `${body}\n(globalThis.codeCacheRuns ??= []).push('changed');\n`);
    const run = runWithCodeCache(scriptPath, cachePath);
    expect(run.cacheUsed).toBe(false);
    expect(runs.codeCacheRuns).toEqual(["script.cjs amiport", "script.cjs amiport", "changed"]);
  });
});

describe("the built amiport (npm run build)", () => {
  it("ships its bundle with the code cache the build made for it", () => {
    const cli = (name: string) => fileURLToPath(new URL(`../../dist/cli/${name}`, import.meta.url));
    expect(existsSync(cli("amiport-main.cjs"))).toBe(true);
    expect(existsSync(cli("amiport-main.cache"))).toBe(true);
    // made for this bundle by this Node: V8 takes it
    expect(compileWithCodeCache(cli("amiport-main.cjs"), cli("amiport-main.cache")).cacheUsed).toBe(true);
  });
});
