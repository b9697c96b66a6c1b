/**
 * Reads `statusCode` from a MOCK integration's rendered request template. Valid JSON
 * must hold an integer `statusCode`; otherwise a lenient reading of `{key: value, ...}`
 * pairs accepts what API Gateway accepts (unquoted or single-quoted keys, stray commas).
 * Returns null when no integer status code can be read (the request then fails with 500).
 *
 * @example
 * parseMockStatusCode('{"statusCode": 200}'); // 200
 * parseMockStatusCode('{ statusCode: 404 }'); // 404
 * parseMockStatusCode('{"statusCode": "200"}'); // null
 */
export function parseMockStatusCode(body: string): number | null {
  // Request templates are mostly literal ('{"statusCode": 200}'): the same text, the same answer.
  const known = recent.get(body);
  if (known !== undefined) return known;
  const status = parse(body);
  if (body.length <= MEMO_MAX_CHARS) {
    if (recent.size >= MEMO_MAX_ENTRIES) recent.clear();
    recent.set(body, status);
  }
  return status;
}

/* The last texts read, bounded: at most 1,000 of at most 256 characters. */
const MEMO_MAX_CHARS = 256;
const MEMO_MAX_ENTRIES = 1000;
const recent = new Map<string, number | null>();

function parse(body: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return parseLenient(body);
  }
  const code = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).statusCode : undefined;
  return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

function parseLenient(body: string): number | null {
  const inner = /^\s*\{([\s\S]+)\}\s*$/.exec(body)?.[1];
  if (inner === undefined) return null;
  let status: number | null = null;
  for (const raw of inner.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    if (colon === -1) return null;
    const key = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (key === 'statusCode' || key === "'statusCode'" || key === '"statusCode"') {
      if (!/^-?\d+$/.test(value)) return null;
      status = Number(value);
      continue;
    }
    if (key !== '' && '[{'.includes(key[0])) return null;
    if (key !== '' && `'"`.includes(key[0]) && (key.length < 2 || key.at(-1) !== key[0])) return null;
    if (value === '') continue;
    const open = value[0];
    const close = open === '{' ? '}' : open === '[' ? ']' : open === "'" || open === '"' ? open : null;
    if (close && (value.length < 2 || value.at(-1) !== close)) return null;
  }
  return status;
}
