import { getStageHistory, type Deployment, type StageState, type WriteOptions } from '@gitway/core';
import { jsonChanges, type FieldChange } from '@gitway/core/internal';
import { deploymentReader } from './deploymentInfo.js';

export interface TimelineEntry {
  state: StageState;
  /** `stage@{N}`: N states back from the current one. */
  index: number;
  deployment: Deployment | null;
  /** Settings changed from the previous (older) state; empty for the first state. */
  changes: FieldChange[];
}

/** Bookkeeping fields that change on every state and say nothing about settings. */
const IGNORED = new Set(['lastUpdatedDate', 'createdDate']);

const settings = (state: StageState) => Object.fromEntries(Object.entries(state.stage).filter(([k]) => !IGNORED.has(k)));

/**
 * The stage's own history, newest first, each state with its deployment's record and
 * the settings that changed from the state before it.
 */
export async function stageTimeline(repo: WriteOptions, stageName: string, limit = 50): Promise<TimelineEntry[]> {
  const read = deploymentReader(repo);
  // One extra state so that the oldest shown still gets its changes.
  const states = await getStageHistory({ ...repo, stageName, limit: limit + 1 });
  const shown = states.slice(0, limit);
  return Promise.all(
    shown.map(async (state, index) => {
      const older = states[index + 1];
      return { state, index, deployment: await read(state.stage.deploymentId), changes: older ? jsonChanges(settings(older), settings(state)) : [] };
    }),
  );
}
