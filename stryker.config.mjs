// @ts-check
/**
 * Mutation testing: `npm run mutate` (scripts/mutate.ts: one run per folder, each with its own
 * incremental file in mutation/; slow on 2 cores, so not part of npm test or CI). Reports land in
 * reports/mutation/. What differs per folder (which tests, the incremental file) is in the script.
 * StrykerJS 9.6 is the last release that runs on Node 20 (10.x needs Node 22); its vitest runner
 * supports vitest 2 and later, 4 included.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts" },
  mutate: ["src/core/**/*.ts", "src/slack/**/*.ts", "src/store/**/*.ts"],
  // results are kept between runs: a run after a change tests only the mutants it touched
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  thresholds: { high: 90, low: 85, break: null },
  coverageAnalysis: "perTest",
  // the machines are shared: one test process at a time
  concurrency: 1,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  ignorePatterns: ["reports", "/mutation"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  // Stryker rewrites tsconfig paths with the TypeScript 5 API, which TypeScript 7 no longer has;
  // our tsconfig points nowhere outside the repo, so there is nothing to rewrite: name no file.
  tsconfigFile: "",
};
