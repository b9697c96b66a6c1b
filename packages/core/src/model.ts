// @gitway/core/model: API Gateway's rules and defaults as plain data, without loading the
// store (no git code): what @gitway/runtime may import as values. Everything here is also
// public from '@gitway/core' or '@gitway/core/internal'.
export { DEFAULT_RATE_LIMIT, DEFAULT_BURST_LIMIT } from './models/stageRules.js';
