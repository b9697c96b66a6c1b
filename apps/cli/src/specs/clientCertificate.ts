import type { CommandSpec } from '../spec.js';

const load = () => import('../commands/clientCertificate.js');
const id = { type: 'string', demandOption: true, describe: 'clientCertificateId (10 characters a-z 0-9)' } as const;

export default {
  command: 'client-certificate',
  describe: 'Generate, list, export or delete the client certificates stages present to HTTPS backends (local to this repository, never pushed)',
  subcommands: [
    {
      command: 'generate',
      describe: 'Create a key pair and a self-signed certificate valid for 365 days (GenerateClientCertificate)',
      builder: (y) =>
        y
          .option('description', { type: 'string', describe: 'what the certificate is for' })
          .example('gitway client-certificate generate --description "orders backend"', 'prints the new clientCertificateId')
          .example("gitway stage update prod --patch op=replace,path=/clientCertificateId,value=ID", 'preview presents it to the HTTPS backends of prod'),
      load,
    },
    {
      command: 'list',
      describe: 'List the client certificates of this repository (GetClientCertificates)',
      builder: (y) => y.example('gitway client-certificate list --json', '{ "items": [...] }, as get-client-certificates'),
      load,
    },
    {
      command: 'export <id>',
      describe: 'Print the PEM certificate a backend uses to verify the gateway',
      builder: (y) => y.positional('id', id).example('gitway client-certificate export k3v9q0x2ab > gateway-ca.pem', 'give this file to the backend as its trusted client CA'),
      load,
    },
    {
      command: 'delete <id>',
      describe: 'Delete a client certificate and its private key (DeleteClientCertificate)',
      builder: (y) => y.positional('id', id).example('gitway client-certificate delete k3v9q0x2ab', ''),
      load,
    },
  ],
} satisfies CommandSpec;
