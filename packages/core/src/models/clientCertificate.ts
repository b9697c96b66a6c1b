/** API Gateway's ClientCertificate resource (what GetClientCertificate returns). */
export interface ClientCertificate {
  /** 10 characters from a-z 0-9. */
  clientCertificateId: string;
  description?: string;
  /** The certificate a backend uses to verify that requests come from the gateway. */
  pemEncodedCertificate: string;
  createdDate: string;
  expirationDate: string;
}

/** A client certificate with its private key: what preview presents to HTTPS backends. */
export interface ClientCertificateKeyPair {
  clientCertificateId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/** Client certificate ids: 10 characters from a-z 0-9, as API Gateway's. */
export const CLIENT_CERTIFICATE_ID = /^[a-z0-9]{10}$/;
