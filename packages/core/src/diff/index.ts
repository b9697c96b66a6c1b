export type { Change, ChangeKind, ChangeTarget, DiffResult, ReadStats } from './types.js';
export type { DiffSide, DefinitionSide } from './_diff.js';
export { diff, type DiffOptions } from '../api/diff.js';
export { renderDiff, renderStat, renderNameOnly, type DiffColors } from './renderDiff.js';
export { renderMarkdown } from './renderMarkdown.js';
export { renderTextDiff, type TextDiffSide } from './renderTextDiff.js';
