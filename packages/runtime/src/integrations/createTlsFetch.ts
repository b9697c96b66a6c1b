import type { FetchLike } from '../types.js';
import type { HttpRequest } from './requestHttp.js';

/** The certificate and key the gateway presents to HTTPS backends (a stage's clientCertificateId). */
export interface ClientCertificateMaterial {
  clientCertificateId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/** `fetch` init with the integration's TLS choice (tlsConfig.insecureSkipVerification). */
export type TlsRequestInit = RequestInit & { insecureSkipVerification?: boolean };

const loadUndici = () => import('undici');
/** Connections per backend origin and TLS choice; more requests queue on them (API Gateway's own pool is bounded too). */
export const MAX_SOCKETS_PER_ORIGIN = 64;
/** Idle keep-alive connections close after this (ms), so a replaced stage snapshot leaves none open for long. */
const KEEP_ALIVE_MS = 4_000;
type Undici = Awaited<ReturnType<typeof loadUndici>>;

/**
 * The gateway's default `fetch`: the global fetch, except for HTTPS requests that must
 * present the stage's client certificate or skip verifying the backend's certificate
 * (an integration's tlsConfig.insecureSkipVerification), which go through undici with a
 * connection pool holding that TLS configuration. undici loads on first such request.
 *
 * It also carries `request`, which invokeHttp prefers: undici's `request` on a keep-alive
 * pool of at most MAX_SOCKETS_PER_ORIGIN connections per origin, idle ones closed after 4 s,
 * the same TLS configuration, aborted by the integration timeout's signal.
 *
 * @example
 * const fetch = createTlsFetch({ clientCertificate: { clientCertificateId: 'abcdefghij', certificatePem, privateKeyPem } });
 * await fetch('https://127.0.0.1:8443/pets', { method: 'GET' }); // TLS with the client certificate
 */
export function createTlsFetch(o: { clientCertificate?: ClientCertificateMaterial } = {}): FetchLike & { request: HttpRequest } {
  let undici: ReturnType<typeof loadUndici> | undefined;
  // One pool per gateway (one stage snapshot) and TLS choice: a stage's client certificate is
  // never presented on another stage's connections.
  const agents = new Map<boolean, InstanceType<Undici['Agent']>>();
  const agentFor = (lib: Undici, insecure: boolean) => {
    let dispatcher = agents.get(insecure);
    if (!dispatcher) {
      const cert = o.clientCertificate ? { cert: o.clientCertificate.certificatePem, key: o.clientCertificate.privateKeyPem } : {};
      dispatcher = new lib.Agent({ connections: MAX_SOCKETS_PER_ORIGIN, keepAliveTimeout: KEEP_ALIVE_MS, connect: { ...cert, rejectUnauthorized: !insecure } });
      agents.set(insecure, dispatcher);
    }
    return dispatcher;
  };
  const fetch = async (input: string, init: TlsRequestInit) => {
    const insecure = init.insecureSkipVerification === true;
    if (!input.startsWith('https:') || (!o.clientCertificate && !insecure)) return globalThis.fetch(input, init);
    const lib = await (undici ??= loadUndici());
    const { insecureSkipVerification: _, ...rest } = init;
    return (await lib.fetch(input, { ...(rest as object), dispatcher: agentFor(lib, insecure) })) as unknown as Response;
  };
  const request: HttpRequest = async (url, init) => {
    const lib = await (undici ??= loadUndici());
    const insecure = init.insecureSkipVerification === true && url.startsWith('https:');
    const res = await lib.request(url, { method: init.method as 'GET', headers: init.headers, body: init.body, signal: init.signal, dispatcher: agentFor(lib, insecure) });
    return { statusCode: res.statusCode, headers: res.headers, body: res.body };
  };
  return Object.assign(fetch, { request });
}
