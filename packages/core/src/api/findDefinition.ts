import type { FsClient } from '../models/FsClient.js';
import { InvalidParameterError } from '../errors/InvalidParameterError.js';

/** The file names `init` recognises as a working definition, in order of preference. */
export const DEFINITION_CANDIDATES = ['api.yaml', 'openapi.yaml', 'openapi.yml', 'openapi.json', 'swagger.yaml', 'swagger.yml', 'swagger.json'] as const;

/**
 * Chooses the working definition for a new repository in `dir`: `api.yaml` when it exists
 * (or when nothing else is there), else the one `openapi.*` / `swagger.*` file present.
 * Several candidates (and no api.yaml) are an InvalidParameterError whose
 * `data.candidates` lists them, so the caller can ask which one to use.
 *
 * @example
 * const { definition, found } = await findDefinition({ fs, dir: '/work/petstore' });
 * // { definition: 'openapi.yaml', found: true }
 */
export async function findDefinition(opts: { fs: FsClient; dir: string }): Promise<{ definition: string; found: boolean }> {
  const present: string[] = [];
  for (const name of DEFINITION_CANDIDATES) {
    try {
      if ((await opts.fs.promises.stat(`${opts.dir}/${name}`)).isFile()) present.push(name);
    } catch {
      // absent
    }
  }
  if (present[0] === 'api.yaml') return { definition: 'api.yaml', found: true };
  if (present.length === 0) return { definition: 'api.yaml', found: false };
  if (present.length === 1) return { definition: present[0], found: true };
  throw new InvalidParameterError(`several API definitions in ${opts.dir}: ${present.join(', ')}; choose the working definition`, { path: 'definition', value: present.join(','), candidates: present });
}
