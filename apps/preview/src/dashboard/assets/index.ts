import { createHash } from 'node:crypto';
import { SCRIPT } from './script.js';
import { STYLES } from './styles.js';

export interface Asset {
  type: string;
  body: string;
  /** Content hash: asset URLs carry it, so they can be cached forever. */
  hash: string;
}

const asset = (type: string, body: string): Asset => ({ type, body, hash: createHash('sha1').update(body).digest('hex').slice(0, 12) });

/** Static files of the dashboard, built into the package as string modules. */
export const ASSETS: Record<string, Asset> = {
  'app.css': asset('text/css; charset=utf-8', STYLES),
  'app.js': asset('text/javascript; charset=utf-8', SCRIPT),
};

/** URL of an asset, versioned by its content. */
export const assetUrl = (name: string): string => `/_gitway/assets/${name}?v=${ASSETS[name].hash}`;
