import { isDeepStrictEqual } from 'node:util';
import type { Api } from '../models/types.js';
import { exportApi } from '../openapi/exportApi.js';
import { parseDefinition } from '../openapi/parseDefinition.js';
import { apiToFiles } from '../models/apiTree.js';
import { buildTree } from '../storage/gitObjects.js';
import { yaml } from '../utils/yaml.js';

type Edit = { path: string[]; remove: true } | { path: string[]; value: unknown };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The edits turning exported document `a` into `b`: per changed key, arrays and scalars whole. */
function edits(a: unknown, b: unknown, path: string[], out: Edit[]): Edit[] {
  if (isMap(a) && isMap(b)) {
    for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) out.push({ path: [...path, k], remove: true });
    for (const k of Object.keys(b)) {
      if (!Object.hasOwn(a, k)) out.push({ path: [...path, k], value: b[k] });
      else edits(a[k], b[k], [...path, k], out);
    }
  } else if (!isDeepStrictEqual(a, b)) out.push({ path, value: b });
  return out;
}

function applyJson(text: string, list: Edit[]): string {
  const root = JSON.parse(text) as Record<string, unknown>;
  for (const e of list) {
    let node: Record<string, unknown> = root;
    for (const k of e.path.slice(0, -1)) {
      if (!isMap(node[k])) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    const last = e.path[e.path.length - 1]!;
    if ('remove' in e) delete node[last];
    else node[last] = e.value;
  }
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  return JSON.stringify(root, null, indent) + (text.endsWith('\n') ? '\n' : '');
}

type Yaml = typeof import('yaml');
type Scalar = string | number | boolean | null;
const isScalarValue = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * Every edit sets a scalar where the document has a scalar: done on the concrete syntax
 * tree, so every other byte of the document stays as it was. Null when some edit is not
 * of that kind.
 */
function applyYamlScalars(YAML: Yaml, text: string, list: Edit[]): string | null {
  const tokens = [...new YAML.Parser().parse(text)];
  const docs = [...new YAML.Composer({ keepSourceTokens: true }).compose(tokens)];
  if (docs.length !== 1 || docs[0]!.errors.length) return null;
  const doc = docs[0]!;
  const planned: [NonNullable<import('yaml').Scalar['srcToken']>, Scalar][] = [];
  for (const e of list) {
    if ('remove' in e || !isScalarValue(e.value)) return null;
    const node = doc.getIn(e.path, true);
    if (!YAML.isScalar(node) || !node.srcToken || !YAML.CST.isScalar(node.srcToken)) return null;
    planned.push([node.srcToken, e.value]);
  }
  for (const [token, value] of planned) {
    if (typeof value !== 'string') {
      YAML.CST.setScalarValue(token, value === null ? 'null' : String(value), { type: 'PLAIN', afterKey: true });
      continue;
    }
    // Keep the user's quoting unless the new text cannot be written that way.
    const natural = YAML.stringify(value, { lineWidth: 0 });
    const needs = natural.startsWith('"') ? 'QUOTE_DOUBLE' : natural.startsWith("'") ? 'QUOTE_SINGLE' : null;
    const keep = token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar' || (needs === null && token.type !== 'block-scalar');
    YAML.CST.setScalarValue(token, value, keep ? { afterKey: true } : { afterKey: true, type: needs ?? 'PLAIN' });
  }
  return tokens.map((t) => YAML.CST.stringify(t)).join('');
}

function applyYaml(text: string, list: Edit[]): string | null {
  const YAML = yaml();
  const exact = applyYamlScalars(YAML, text, list);
  if (exact !== null) return exact;
  // Keys added or removed, collections changed: edit the document model (comments kept, layout re-rendered).
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) return null;
  for (const e of list) {
    if ('remove' in e) doc.deleteIn(e.path);
    else doc.setIn(e.path, doc.createNode(e.value, { aliasDuplicateObjects: false }));
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

const treeOf = (api: Api) => buildTree(apiToFiles(api)).object.oid;

/**
 * The working document `text` (which holds `ours`) edited in place to hold `merged`: only
 * the keys whose exported value differs between ours and merged are set or removed, so
 * comments, key order and style of everything else stay as the user wrote them. Null when
 * the edited document would not give exactly `merged` (the caller then renders it).
 */
export async function _editDocument(args: { text: string; filename: string; ours: Api; merged: Api }): Promise<string | null> {
  const format = args.ours.restApi.sourceFormat ?? 'oas30';
  const list = edits(exportApi(args.ours, format), exportApi(args.merged, format), [], []);
  let out: string | null;
  try {
    out = list.length === 0 ? args.text : /\.json$/i.test(args.filename) ? applyJson(args.text, list) : applyYaml(args.text, list);
    if (out === null) return null;
    return treeOf(await parseDefinition({ text: out, filename: args.filename })) === treeOf(args.merged) ? out : null;
  } catch {
    return null;
  }
}
