import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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
 * The page script's ES modules by file name. Built, they are tsc's output of
 * apps/preview/client (dist/client/*.js); run from source (tests), the client is
 * compiled here with TypeScript's transpiler so a test never sees a stale build.
 */
async function clientModules(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (import.meta.url.endsWith('.ts')) {
    const ts = (await import('typescript')).default;
    const dir = join(PACKAGE_DIR, 'client');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      out[file.replace(/\.ts$/, '.js')] = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
    }
    return out;
  }
  const dir = join(PACKAGE_DIR, 'dist', 'client');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) out[file] = readFileSync(join(dir, file), 'utf8');
  return out;
}

/** Static files of the dashboard: the stylesheet and the script's modules. */
export const ASSETS: Record<string, Asset> = {
  'app.css': asset('text/css; charset=utf-8', STYLES),
  ...Object.fromEntries(Object.entries(await clientModules()).map(([name, body]) => [name, asset('text/javascript; charset=utf-8', body)])),
};

/** URL of an asset, versioned by its content. */
export const assetUrl = (name: string): string => `/_gitway/assets/${name}?v=${ASSETS[name].hash}`;
