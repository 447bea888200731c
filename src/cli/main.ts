#!/usr/bin/env node
import { readFileSync, readSync } from "node:fs";
import { runCli } from "./run.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

/** Reads standard input until its end or `maxBytes`, whichever comes first. */
function readStdin(maxBytes: number): Uint8Array {
  const buffer = Buffer.alloc(maxBytes);
  let length = 0;
  while (length < maxBytes) {
    let read: number;
    try {
      read = readSync(0, buffer, length, maxBytes - length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EOF") break;
      // a non-blocking pipe with nothing in it yet
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw error;
    }
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

const argv = process.argv.slice(2);
const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  readStdin,
};
// no top-level await: the build bundles this file as CommonJS (src/build/bundle-cli.ts)
async function main(): Promise<number> {
  if (argv[0] !== "check") return runCli(argv, io, version);
  // only `check` loads the AWS SDK
  const { runCheckCli } = await import("./check.js");
  return runCheckCli(argv.slice(1), io);
}
main().then((code) => {
  process.exitCode = code;
});
