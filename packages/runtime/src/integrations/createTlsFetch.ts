import type { FetchLike } from '../types.js';

/** The certificate and key the gateway presents to HTTPS backends (a stage's clientCertificateId). */
export interface ClientCertificateMaterial {
  clientCertificateId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/** `fetch` init with the integration's TLS choice (tlsConfig.insecureSkipVerification). */
export type TlsRequestInit = RequestInit & { insecureSkipVerification?: boolean };

const loadUndici = () => import('undici');
type Undici = Awaited<ReturnType<typeof loadUndici>>;

/**
 * The gateway's default `fetch`: the global fetch, except for HTTPS requests that must
 * present the stage's client certificate or skip verifying the backend's certificate
 * (an integration's tlsConfig.insecureSkipVerification), which go through undici with a
 * connection pool holding that TLS configuration. undici loads on first such request.
 *
 * @example
 * const fetch = createTlsFetch({ clientCertificate: { clientCertificateId: 'abcdefghij', certificatePem, privateKeyPem } });
 * await fetch('https://127.0.0.1:8443/pets', { method: 'GET' }); // TLS with the client certificate
 */
export function createTlsFetch(o: { clientCertificate?: ClientCertificateMaterial } = {}): FetchLike {
  let undici: ReturnType<typeof loadUndici> | undefined;
  const agents = new Map<boolean, InstanceType<Undici['Agent']>>();
  return async (input, init: TlsRequestInit) => {
    const insecure = init.insecureSkipVerification === true;
    if (!input.startsWith('https:') || (!o.clientCertificate && !insecure)) return globalThis.fetch(input, init);
    const lib = await (undici ??= loadUndici());
    let dispatcher = agents.get(insecure);
    if (!dispatcher) {
      const cert = o.clientCertificate ? { cert: o.clientCertificate.certificatePem, key: o.clientCertificate.privateKeyPem } : {};
      agents.set(insecure, (dispatcher = new lib.Agent({ connect: { ...cert, rejectUnauthorized: !insecure } })));
    }
    const { insecureSkipVerification: _, ...rest } = init;
    return (await lib.fetch(input, { ...(rest as object), dispatcher })) as unknown as Response;
  };
}
