export type { Change, ChangeKind, ChangeTarget, DiffResult, ReadStats } from './types.js';
export type { DiffSide, DefinitionSide } from './_diff.js';
export { diff, type DiffOptions } from '../api/diff.js';
export { classify, type Verdict } from './classify.js';
export { fieldName } from './fieldName.js';
export { jsonChanges, type FieldChange } from './jsonChanges.js';
export { renderDiff, renderStat, renderNameOnly, summary as diffSummary, shortValue, changeSubject, type DiffColors } from './renderDiff.js';
export { renderMarkdown } from './renderMarkdown.js';
