export { meanStd, runSeeds } from './run-seeds.js';
export type { SeedSummary } from './run-one.js';
