import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * Mutation testing of src/slack and src/store (scripts/mutate.ts): the tests that start amiport as
 * a process count too (test/helpers/main-process.ts). A mutant is killed only by a test that fails
 * three times in a row: the memory bounds of the hostile suite sit within noise of a busy shared
 * machine, and a test failing by chance must not count as catching a mutant.
 */
export default mergeConfig(
  base,
  defineConfig({
    // a beforeAll that fails fails its file's tests without retries: it gets time to finish on a busy machine
    test: { setupFiles: ["test/helpers/mutant-coverage.setup.ts"], retry: 2, hookTimeout: 60_000 },
  }),
);
