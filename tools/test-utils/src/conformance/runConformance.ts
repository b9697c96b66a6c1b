import { readFileSync } from 'node:fs';
import { compareRecorded } from './compareRecorded.js';
import { KNOWN_DIFFERENCES, type KnownDifference } from './differences.js';
import type { ApiGatewayOperations } from './operations.js';
import { scenarioContext, type Answer, type Scenario } from './scenario.js';
import { stageScenarios } from './scenarios/stages.js';
import { deploymentScenarios } from './scenarios/deployments.js';
import { canaryScenarios } from './scenarios/canary.js';

/** Every stage, deployment and canary scenario, in the snapshot files' order. */
export const SCENARIOS: readonly Scenario[] = [...stageScenarios, ...deploymentScenarios, ...canaryScenarios];

export interface AnswerResult {
  test: string;
  key: string;
  status: 'matched' | 'mismatched' | 'listed' | 'stale';
  differences: string[];
  /** The listed difference's reason (status listed or stale). */
  reason?: string;
}

export interface ConformanceReport {
  results: AnswerResult[];
  matched: number;
  total: number;
  /** `N of M recorded answers matched` (+ how many are listed differences). */
  summary: string;
}

type Recorded = Record<string, { 'recorded-content': Record<string, unknown> }>;

/** The recorded snapshot file `name` (copied into this package, see recorded/SOURCES.md). */
export function loadRecorded(name: Scenario['file']): Recorded {
  return JSON.parse(readFileSync(new URL(`./recorded/${name}.snapshot.json`, import.meta.url), 'utf8')) as Recorded;
}

/**
 * Runs every scenario against fresh operations from `newOperations` (one API each, as each
 * recorded test creates its own REST API) and compares each answer with the recording.
 *
 * @example
 * const report = await runConformance(async () => coreOperations(await tempRepo()));
 * console.log(report.summary); // "64 of 64 recorded answers matched"
 */
export async function runConformance(
  newOperations: () => Promise<ApiGatewayOperations>,
  options: { scenarios?: readonly Scenario[]; differences?: readonly KnownDifference[] } = {},
): Promise<ConformanceReport> {
  const differences = options.differences ?? KNOWN_DIFFERENCES;
  const files = new Map<string, Recorded>();
  const results: AnswerResult[] = [];
  for (const s of options.scenarios ?? SCENARIOS) {
    if (!files.has(s.file)) files.set(s.file, loadRecorded(s.file));
    const recorded = files.get(s.file)![s.test]?.['recorded-content'];
    if (!recorded) throw new Error(`no recorded answers for ${s.test}`);
    const answers = new Map<string, Answer>();
    let failure: string | undefined;
    try {
      await s.run(scenarioContext(await newOperations(), answers));
    } catch (err) {
      failure = `the scenario stopped: ${(err as Error).message}`;
    }
    const bindings = new Map<string, unknown>();
    for (const [key, expected] of Object.entries(recorded)) {
      const diffs = answers.has(key) ? compareRecorded(expected, answers.get(key), bindings) : [`not answered (${failure ?? 'the scenario has no step for it'})`];
      const listed = differences.find((d) => d.test === s.test && d.key === key);
      const status = listed ? (diffs.length ? 'listed' : listed.kind === 'by-design' ? 'stale' : 'matched') : diffs.length ? 'mismatched' : 'matched';
      results.push({ test: s.test, key, status, differences: diffs, ...(listed ? { reason: listed.reason } : {}) });
    }
  }
  const matched = results.filter((r) => r.status === 'matched' || r.status === 'stale').length;
  const listed = results.filter((r) => r.status === 'listed').length;
  const fixed = results.filter((r) => r.status === 'matched' && r.reason).map((r) => `${r.key} (listed: ${r.reason}) matches now; remove it from KNOWN_DIFFERENCES`);
  return {
    results,
    matched,
    total: results.length,
    summary: `${matched} of ${results.length} recorded answers matched${listed ? ` (${listed} listed in KNOWN_DIFFERENCES)` : ''}${fixed.length ? `\n  note: ${fixed.join('; ')}` : ''}`,
  };
}

/** A readable report: the summary, then every answer that did not match. */
export function formatReport(report: ConformanceReport): string {
  const lines = [report.summary];
  for (const r of report.results) {
    if (r.status === 'matched') continue;
    const name = `${r.test.split('::').slice(1).join('::')} ${r.key}`;
    if (r.status === 'listed') lines.push(`  listed: ${name} (${r.reason})`);
    else if (r.status === 'stale') lines.push(`  STALE (listed, but matches now): ${name}`);
    else lines.push(`  MISMATCH ${name}`, ...r.differences.map((d) => `      ${d}`));
  }
  return lines.join('\n');
}
