/**
 * How many cases a property test tries: `full` in npm test, a tenth under `npm run mutate`,
 * which runs the covering tests once per mutant (StrykerJS names its worker processes).
 */
export function propertyRuns(full: number): number {
  return process.env.STRYKER_MUTATOR_WORKER === undefined ? full : Math.ceil(full / 10);
}

/** True in StrykerJS's worker processes (`npm run mutate`), where checks of generated data files are too slow to run per mutant. */
export const underMutation = process.env.STRYKER_MUTATOR_WORKER !== undefined;
