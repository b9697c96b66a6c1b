import { readConfigValue } from '../storage/readConfig.js';
import type { WriteOptions } from '../models/options.js';
import type { Signature } from '../storage/gitObjects.js';

/** The commit signature for a write: explicit author, else git config user.*, else "gitway". */
export async function _signature(opts: WriteOptions): Promise<Signature> {
  let author = opts.author;
  if (!author) {
    const name = await readConfigValue(opts, 'user.name');
    const email = await readConfigValue(opts, 'user.email');
    author = { name: name || 'gitway', email: email || 'gitway@localhost' };
  }
  const ms = (opts.now ?? Date.now)();
  return {
    name: author.name.replace(/[<>\n]/g, ''),
    email: author.email.replace(/[<>\n]/g, ''),
    timestamp: Math.floor(ms / 1000),
    timezoneOffset: opts.timezoneOffset ?? 0,
  };
}

export function isoDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString();
}
