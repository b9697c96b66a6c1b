export { createServeServer, isLoopback, type ServeOptions, type ServeServer } from './server.js';
export { parseCredentials, verifySigV4, type Credentials } from './sigv4.js';
export { Registry, type ApiRepo } from './registry.js';
export { MAX_BODY_BYTES } from './http.js';
