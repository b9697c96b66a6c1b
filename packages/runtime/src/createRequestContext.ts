import { randomUUID } from 'node:crypto';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `$context` of one request; mutated as the request moves on (status, error, latency). */
export interface RequestContext {
  requestId: string;
  extendedRequestId: string;
  apiId: string;
  accountId: string;
  stage: string;
  resourcePath: string;
  resourceId: string;
  httpMethod: string;
  path: string;
  protocol: string;
  domainName: string;
  domainPrefix: string;
  requestTime: string;
  requestTimeEpoch: number;
  identity: { sourceIp: string; userAgent: string };
  isCanaryRequest: boolean;
  status?: number;
  responseLength?: number;
  responseLatency?: number;
  integrationLatency?: number;
  integrationStatus?: number;
  error: { message: string; messageString: string; responseType: string };
  [key: string]: unknown;
}

/**
 * Builds `$context` for a request from injected clock and random sources.
 *
 * @example
 * const ctx = createRequestContext({ now: () => 0, random: () => 0.5, stageName: 'prod', apiId: 'local',
 *   accountId: '000000000000', method: 'GET', path: '/pets', headers: {}, sourceIp: '127.0.0.1' });
 * ctx.requestTime; // '01/Jan/1970:00:00:00 +0000'
 */
export function createRequestContext(o: {
  now: number;
  /** Injected randomness for deterministic ids; without it, node:crypto's randomUUID. */
  random?: () => number;
  stageName: string;
  apiId: string;
  accountId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  sourceIp: string;
  /** The id to use (the caller's own); otherwise a new one. */
  requestId?: string;
}): RequestContext {
  const requestId = o.requestId ?? (o.random ? uuid(o.random) : randomUUID());
  const domainName = o.headers.host ?? 'localhost';
  const dot = domainName.indexOf('.');
  return {
    requestId,
    extendedRequestId: requestId.slice(0, 18).replaceAll('-', '') + '=',
    apiId: o.apiId,
    accountId: o.accountId,
    stage: o.stageName,
    resourcePath: '',
    resourceId: '',
    httpMethod: o.method,
    path: `/${o.stageName}${o.path}`,
    protocol: 'HTTP/1.1',
    domainName,
    domainPrefix: dot === -1 ? domainName : domainName.slice(0, dot),
    requestTime: requestTime(o.now),
    requestTimeEpoch: o.now,
    identity: { sourceIp: o.sourceIp, userAgent: o.headers['user-agent'] ?? '' },
    isCanaryRequest: false,
    error: { message: '', messageString: '""', responseType: '' },
  };
}

function uuid(random: () => number): string {
  const hex = word(random) + word(random) + word(random) + word(random);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function word(random: () => number): string {
  return (Math.floor(random() * 0x100000000) + 0x100000000).toString(16).slice(1);
}

let lastSecond = -1;
let lastTime = '';
/** CLF time of `ms`, formatted once per second. */
function requestTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    const d = new Date(ms);
    lastTime = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    lastSecond = second;
  }
  return lastTime;
}
