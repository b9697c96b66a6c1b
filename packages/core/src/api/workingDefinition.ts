import { randomBytes } from 'node:crypto';
import type { Api } from '../models/types.js';
import type { RepoOptions } from '../models/FsClient.js';
import { _assertRepo, _definitionPath } from '../commands/_repo.js';
import { dirname, join } from '../utils/join.js';
import { parseDefinition } from '../openapi/parseDefinition.js';
import { exportDefinition } from '../openapi/exportDefinition.js';

/** Where the working definition lives: `dir` (default: the directory holding the repository) + the config's file name. */
export interface WorkingOptions extends RepoOptions {
  /** The directory the definition's name is relative to; default the parent of `gitdir`. */
  dir?: string;
}

/**
 * Absolute path of the working definition (repository config `gitway.definition`,
 * relative to `dir`).
 *
 * @example
 * const file = await workingDefinitionFile({ fs, gitdir: '/work/petstore/.gitway' }); // "/work/petstore/api.yaml"
 */
export async function workingDefinitionFile(opts: WorkingOptions): Promise<string> {
  await _assertRepo(opts);
  const name = await _definitionPath(opts);
  return name.startsWith('/') ? name : join(opts.dir ?? dirname(opts.gitdir), name);
}

/**
 * Reads and parses the working definition; null when the file does not exist.
 * Parse errors are ParseError / InvalidDefinitionError naming the file and the place.
 *
 * @example
 * const working = await readWorkingDefinition({ fs, gitdir });
 * if (working) console.log(Object.keys(working.api.resources));
 */
export async function readWorkingDefinition(opts: WorkingOptions): Promise<{ api: Api; text: string; file: string } | null> {
  const file = await workingDefinitionFile(opts);
  let text: string;
  try {
    text = await opts.fs.promises.readFile(file, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw err;
  }
  return { api: await parseDefinition({ text, filename: file }), text, file };
}

/**
 * Replaces the working definition atomically (temp file + rename): `text` verbatim when
 * given, else `api` exported in the file's current format (OpenAPI 3 / Swagger 2, else
 * the API's own) and the syntax its extension names (`.json` -> JSON, else YAML).
 * Nothing is live until a deployment, as with PutRestApi.
 *
 * @example
 * await writeWorkingDefinition({ fs, gitdir, api });
 */
export async function writeWorkingDefinition(opts: WorkingOptions & { api?: Api; text?: string }): Promise<string> {
  const file = await workingDefinitionFile(opts);
  let text = opts.text;
  if (text === undefined) {
    if (!opts.api) throw new TypeError('writeWorkingDefinition needs api or text');
    const current = await readWorkingDefinition(opts).catch(() => null);
    const format = current?.api.restApi.sourceFormat ?? opts.api.restApi.sourceFormat;
    text = exportDefinition({ api: opts.api, format, syntax: /\.json$/i.test(file) ? 'json' : 'yaml' });
  }
  const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  await opts.fs.promises.writeFile(tmp, text);
  await opts.fs.promises.rename(tmp, file);
  return file;
}
