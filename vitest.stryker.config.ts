import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/** Mutation testing (scripts/mutate.ts): the tests that start amiport as a process count too. */
export default mergeConfig(
  base,
  defineConfig({
    test: { setupFiles: ["test/helpers/mutant-coverage.setup.ts"] },
  }),
);
