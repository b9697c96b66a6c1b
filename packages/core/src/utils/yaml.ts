import { createRequire } from 'node:module';

const requireLazy = createRequire(import.meta.url);

/**
 * The `yaml` package, loaded on first call (~50 ms of start-up): commands that never parse,
 * edit or export YAML do not pay for it, and parsing takes the js-yaml fast path without it.
 */
export function yaml(): typeof import('yaml') {
  return requireLazy('yaml') as typeof import('yaml');
}
