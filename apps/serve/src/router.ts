import { OPERATIONS } from './operations.js';

/** A control-plane request matched to its operation: the name and the decoded path labels. */
export interface OperationMatch {
  name: string;
  params: Record<string, string>;
  /** The status API Gateway answers on success. */
  status: number;
}

interface Route {
  method: string;
  segments: string[];
  query?: [string, string];
  name: string;
  status: number;
}

const ROUTES: Route[] = OPERATIONS.map((line) => {
  const [method, target, name, status] = line.split(' ');
  const [path, q] = target.split('?');
  return { method, segments: path.split('/').slice(1), query: q ? (q.split('=') as [string, string]) : undefined, name, status: Number(status) };
});

/**
 * Finds the control-plane operation of a request (method, raw path, query). Labels are
 * percent-decoded (a `{resourceArn}` arrives as one encoded segment). null: no such route.
 */
export function matchOperation(method: string, rawPath: string, query: URLSearchParams): OperationMatch | null {
  const segments = rawPath.split('/').slice(1);
  if (segments.at(-1) === '' && segments.length > 1) segments.pop();
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== segments.length) continue;
    if (route.query && query.get(route.query[0]) !== route.query[1]) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < route.segments.length && ok; i++) {
      const want = route.segments[i];
      if (want.startsWith('{')) params[want.slice(1, -1)] = decoded[i];
      else ok = want === segments[i];
    }
    if (ok) return { name: route.name, params, status: route.status };
  }
  return null;
}
