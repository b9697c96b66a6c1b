/**
 * The repository's cache of imported path entries (internal): `<gitdir>/gitway-import-cache`,
 * the store behind parseDefinition's `cache` (openapi/importByPath.ts decides what is
 * cached and when it may be used). It is only a cache: missing, damaged or foreign
 * content reads as "not cached" and costs time, never changes an answer.
 *
 *     gitway-import-cache 2 <env> <body bytes> <body sha1>
 *     <entry sha1> <fragment JSON>          (body: written at once, checked as a whole)
 *     <entry sha1> <checksum> <fragment JSON>   (appended lines, each checked alone)
 *
 * The header names the environment key; a body whose length or SHA-1 differs is ignored,
 * and so is an appended line whose checksum (16 hex digits of SHA-1 over env, entry hash
 * and JSON) differs: a torn, edited or other-environment line is a miss. A deploy that
 * changed a few entries appends their lines; the file is rewritten (atomically, only the
 * entries in use) when the environment changed or more than APPENDED_MAX lines were
 * appended, so it stays bounded by the size of the last definition's import.
 */
import { hash as digest } from 'node:crypto';
import type { FsClient } from '../models/FsClient.js';
import type { ImportCache } from '../openapi/importByPath.js';

const FILE = 'gitway-import-cache';
const MAGIC = 'gitway-import-cache 2';
const APPENDED_MAX = 64;
const HASH = 40;

const sha1 = (data: string | Uint8Array) => digest('sha1', data, 'hex');
const checksum = (env: string, hash: string, json: string) => sha1(`${env}\0${hash}\0${json}`).slice(0, 16);

interface Line {
  text: string;
  at: number;
}

/** Line start offsets of `text` by their first 40 characters (later lines win); the number of whole lines. */
function indexLines(text: string, into: Map<string, Line>): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const end = text.indexOf('\n', i);
    if (end < 0) break; // a torn last line
    into.set(text.slice(i, i + HASH), { text, at: i });
    n++;
    i = end + 1;
  }
  return n;
}

/** An ImportCache whose `save` only remembers: `flush` writes (after a deploy succeeded). */
export interface DeferredImportCache extends ImportCache {
  flush(): Promise<void>;
}

/**
 * The import cache of repository `gitdir` (one instance per import: `load`, then `save`,
 * then `flush` once the definition was deployed: a refused deploy writes nothing).
 *
 * @example
 * const cache = importCache(fs, gitdir);
 * const api = await parseDefinition({ text, filename: 'api.yaml', cache });
 * await deploy({ fs, gitdir, api });
 * await cache.flush();
 */
export function importCache(fs: FsClient, gitdir: string): DeferredImportCache {
  const path = `${gitdir}/${FILE}`;
  let loadedEnv: string | undefined;
  let appended = 0;
  let lookup: (hash: string) => string | undefined = () => undefined;
  let pending: Parameters<ImportCache['save']> | undefined;
  return {
    async load(env) {
      let bytes: Uint8Array;
      try {
        bytes = (await fs.promises.readFile(path)) as Uint8Array;
      } catch {
        return lookup;
      }
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const headerEnd = buf.indexOf(10);
      const [magic, version, fileEnv, size, sum] = buf.toString('latin1', 0, Math.max(headerEnd, 0)).split(' ');
      if (headerEnd < 0 || `${magic} ${version}` !== MAGIC || fileEnv !== env) return lookup;
      const bodyEnd = headerEnd + 1 + Number(size);
      const body = new Map<string, Line>();
      const tail = new Map<string, Line>();
      const bodyOk = Number.isInteger(Number(size)) && bodyEnd <= buf.length && sha1(buf.subarray(headerEnd + 1, bodyEnd)) === sum;
      if (bodyOk) indexLines(buf.toString('utf8', headerEnd + 1, bodyEnd), body);
      // Without a sound body, or after a torn last line (appends would extend it), the next save rewrites the file.
      const torn = buf.length > bodyEnd && buf[buf.length - 1] !== 10;
      appended = bodyOk && !torn ? indexLines(buf.toString('utf8', bodyEnd), tail) : APPENDED_MAX + 1;
      loadedEnv = env;
      lookup = (hash) => {
        const a = tail.get(hash);
        if (a && a.text[a.at + HASH] === ' ' && a.text[a.at + HASH + 17] === ' ') {
          const json = a.text.slice(a.at + HASH + 18, a.text.indexOf('\n', a.at));
          if (checksum(env, hash, json) === a.text.slice(a.at + HASH + 1, a.at + HASH + 17)) return json;
        }
        const b = body.get(hash);
        return b && b.text[b.at + HASH] === ' ' ? b.text.slice(b.at + HASH + 1, b.text.indexOf('\n', b.at)) : undefined;
      };
      return lookup;
    },
    async save(...args) {
      pending = args;
    },
    async flush() {
      if (!pending) return;
      const [env, hashes, added] = pending;
      pending = undefined;
      if (loadedEnv === env && added.size === 0) return;
      const appendFile = fs.promises.appendFile?.bind(fs.promises);
      if (loadedEnv === env && appendFile && appended + added.size <= APPENDED_MAX) {
        let lines = '';
        for (const [hash, json] of added) lines += `${hash} ${checksum(env, hash, json)} ${json}\n`;
        await appendFile(path, lines).catch(() => undefined);
        return;
      }
      const parts: string[] = [];
      for (const hash of new Set(hashes)) {
        const json = added.get(hash) ?? (loadedEnv === env ? lookup(hash) : undefined);
        if (json !== undefined) parts.push(`${hash} ${json}\n`);
      }
      const body = Buffer.from(parts.join(''));
      const file = Buffer.concat([Buffer.from(`${MAGIC} ${env} ${body.length} ${sha1(body)}\n`), body]);
      const tmp = `${path}.tmp-${sha1(file).slice(0, 12)}`;
      try {
        await fs.promises.writeFile(tmp, file);
        await fs.promises.rename(tmp, path);
      } catch {
        // read-only repository: it still works, just without the cache
        await fs.promises.unlink(tmp).catch(() => undefined);
      }
    },
  };
}
