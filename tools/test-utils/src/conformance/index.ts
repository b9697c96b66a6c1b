export * from './operations.js';
export { compareRecorded } from './compareRecorded.js';
export { coreOperations } from './coreOperations.js';
export { KNOWN_DIFFERENCES, type KnownDifference } from './differences.js';
export { rootMockApi, scenarioContext, type Scenario, type ScenarioContext } from './scenario.js';
export { SCENARIOS, formatReport, loadRecorded, runConformance, type AnswerResult, type ConformanceReport } from './runConformance.js';
