import type { LoggedRequest } from '../../client/loggedRequest.js';

export type { LoggedRequest };

/** Request and response bodies are kept up to this many characters per request. */
export const MAX_LOGGED_BODY = 4096;
/** Execution log lines kept per request (the last ones: the completion line is the last). */
export const MAX_LOGGED_LINES = 100;
/** Header values the panel never shows. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-amz-security-token', 'proxy-authorization']);

/** Header map with secrets redacted and multi-values joined. */
export function redactHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '(redacted)' : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export const clipBody = (body: string | Buffer | undefined): string => {
  if (body === undefined) return '';
  const text = typeof body === 'string' ? body : body.subarray(0, MAX_LOGGED_BODY * 4).toString('utf8');
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}… (${text.length - MAX_LOGGED_BODY} more characters)` : text;
};

/** What the preview server hands over per request; turned into a LoggedRequest only when read. */
export interface ServedRequest extends Pick<LoggedRequest, 'stage' | 'method' | 'path' | 'query' | 'status' | 'latency' | 'canary'> {
  /** Epoch milliseconds the request arrived. */
  time: number;
  requestHeaders: Record<string, string | string[] | undefined>;
  responseHeaders: Record<string, string | string[] | number>;
  requestBody?: Buffer;
  responseBody: string | Buffer;
  /** The execution log lines the gateway wrote for this request (at most MAX_LOGGED_LINES). */
  executionLog?: string[];
}

function view(id: number, r: ServedRequest): LoggedRequest {
  return {
    id,
    stage: r.stage,
    time: new Date(r.time).toISOString(),
    method: r.method,
    path: r.path,
    query: r.query,
    status: r.status,
    latency: r.latency,
    canary: r.canary,
    requestHeaders: redactHeaders(r.requestHeaders),
    responseHeaders: redactHeaders(r.responseHeaders),
    requestBody: clipBody(r.requestBody),
    responseBody: clipBody(r.responseBody),
    executionLog: (r.executionLog ?? []).map(clipBody),
  };
}

/**
 * The last requests served, per stage (a ring of `perStage` entries), with subscribers
 * for live updates (the dashboard's server-sent events). Recording keeps references
 * only; headers are redacted and bodies clipped when an entry is read.
 *
 * @example
 * const requests = createRequestLog();
 * const stop = requests.subscribe('prod', (r) => console.log(r.status));
 */
export function createRequestLog(perStage = 50) {
  const byStage = new Map<string, { id: number; raw: ServedRequest }[]>();
  const listeners = new Map<string, Set<(r: LoggedRequest) => void>>();
  let next = 1;
  return {
    record(raw: ServedRequest): void {
      const entry = { id: next++, raw };
      let list = byStage.get(raw.stage);
      if (!list) byStage.set(raw.stage, (list = []));
      list.push(entry);
      if (list.length > perStage) list.shift();
      const fns = listeners.get(raw.stage);
      if (fns?.size) {
        const r = view(entry.id, raw);
        for (const fn of fns) fn(r);
      }
    },
    /** Newest first. */
    list(stage: string): LoggedRequest[] {
      return (byStage.get(stage) ?? []).map((e) => view(e.id, e.raw)).reverse();
    },
    get(stage: string, id: number): LoggedRequest | undefined {
      const e = byStage.get(stage)?.find((x) => x.id === id);
      return e && view(e.id, e.raw);
    },
    subscribe(stage: string, fn: (r: LoggedRequest) => void): () => void {
      let set = listeners.get(stage);
      if (!set) listeners.set(stage, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    subscribers(): number {
      let n = 0;
      for (const s of listeners.values()) n += s.size;
      return n;
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
