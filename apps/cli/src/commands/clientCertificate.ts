import { deleteClientCertificate, exportClientCertificate, generateClientCertificate, getStages, listClientCertificates, type ClientCertificate } from '@gitway/core';
import type { Context, Output } from '../context.js';
import { table } from '../utils/format.js';

interface Args {
  _: string[];
  id?: string;
  description?: string;
}

export default async function (ctx: Context, args: Args): Promise<Output> {
  const c = ctx.color;
  switch (String(args._[1])) {
    case 'generate': {
      const cert = await generateClientCertificate({ ...ctx, description: args.description });
      return { json: cert, text: `${c.green('generated')} client certificate ${c.yellow(cert.clientCertificateId)}, expires ${cert.expirationDate}` };
    }
    case 'list': {
      const list = await listClientCertificates(ctx);
      if (list.items.length === 0) return { json: list, text: 'no client certificates (gitway client-certificate generate)' };
      const users = new Map<string, string[]>();
      for (const s of await getStages(ctx)) if (s.clientCertificateId) users.set(s.clientCertificateId, [...(users.get(s.clientCertificateId) ?? []), s.stageName]);
      const rows = list.items.map((cert: ClientCertificate) => [c.yellow(cert.clientCertificateId), cert.createdDate, cert.expirationDate, (users.get(cert.clientCertificateId) ?? []).join(',') || '-', cert.description ?? '']);
      return { json: list, text: table([['ID', 'CREATED', 'EXPIRES', 'STAGES', 'DESCRIPTION'], ...rows]) };
    }
    case 'export': {
      const pem = await exportClientCertificate({ ...ctx, clientCertificateId: args.id! });
      return { json: { clientCertificateId: args.id, pemEncodedCertificate: pem }, text: pem.trimEnd() };
    }
    default: {
      await deleteClientCertificate({ ...ctx, clientCertificateId: args.id! });
      return { json: {}, text: `deleted client certificate ${c.yellow(args.id!)}` };
    }
  }
}
