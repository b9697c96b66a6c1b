import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STYLES } from './styles.js';

export interface Asset {
  type: string;
  body: string;
  /** Content hash: asset URLs carry it, so they can be cached forever. */
  hash: string;
}

const asset = (type: string, body: string): Asset => ({ type, body, hash: createHash('sha1').update(body).digest('hex').slice(0, 12) });

/** apps/preview, from src/dashboard/assets or dist/dashboard/assets alike. */
const PACKAGE_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The page script's ES modules by file name: tsc's output of apps/preview/client
 * (`dist/client/*.js`, built by `npm run build`). Run from source (tests), a build older
 * than any client source is refused with a clear error, so a test never sees stale script.
 */
function clientModules(): Record<string, string> {
  const dir = join(PACKAGE_DIR, 'dist', 'client');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: run npm run build (the dashboard script is compiled by tsc)`);
  if (import.meta.url.endsWith('.ts')) {
    const src = join(PACKAGE_DIR, 'client');
    const built = Math.min(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
    const stale = readdirSync(src).filter((f) => f.endsWith('.ts') && statSync(join(src, f)).mtimeMs > built);
    if (stale.length) throw new Error(`apps/preview/client/${stale[0]} changed after the last build of dist/client: run npm run build`);
  }
  const out: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) out[file] = readFileSync(join(dir, file), 'utf8');
  return out;
}

/** Static files of the dashboard: the stylesheet and the script's modules. */
export const ASSETS: Record<string, Asset> = {
  'app.css': asset('text/css; charset=utf-8', STYLES),
  ...Object.fromEntries(Object.entries(clientModules()).map(([name, body]) => [name, asset('text/javascript; charset=utf-8', body)])),
};

/** URL of an asset, versioned by its content. */
export const assetUrl = (name: string): string => `/_gitway/assets/${name}?v=${ASSETS[name].hash}`;
