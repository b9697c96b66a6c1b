// @gitway/runtime/host: what a server needs on its own thread when the gateways run in
// worker threads (apps/preview's stage workers) — the payload limit, the canary mark, the
// router its dashboard lists routes with — without loading the engine (ajv, velocityjs,
// jsonpath-plus, the HTTP client).
export { MAX_PAYLOAD_BYTES } from './limits.js';
export { servedByCanary, markCanary } from './servedByCanary.js';
export { compileRouter } from './router/compileRouter.js';
