import type { Api } from '../models/types.js';
import { filesToApi } from '../models/apiTree.js';
import type { ObjectReader } from '../diff/objectReader.js';

/** The whole API held by tree `oid`, read through `reader` (so in-memory merge results too). */
export async function readReaderApi(reader: ObjectReader, oid: string): Promise<Api> {
  const files: [string, unknown][] = [];
  const walk = async (tree: string, prefix: string): Promise<void> => {
    for (const e of await reader.tree(tree)) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isTree) await walk(e.oid, path);
      else files.push([path, await reader.json(e.oid)]);
    }
  };
  await walk(oid, '');
  return filesToApi(files);
}
