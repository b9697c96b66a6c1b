import { exportDefinition, readDeployment } from '@gitway/core';
import { stringify } from 'yaml';
import { badRequest } from '../errors.js';
import type { Operation } from './context.js';

const EXPORT_TYPES: Record<string, 'oas30' | 'swagger2'> = { oas30: 'oas30', swagger: 'swagger2' };

/** Removes every `x-amazon-apigateway-*` member: an export without `extensions` is plain OpenAPI. */
function withoutExtensions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExtensions);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('x-amazon-apigateway-')) out[k] = withoutExtensions(v);
  return out;
}

/**
 * GetExport of the stage's active deployment: `oas30` or `swagger`, YAML when `Accept`
 * asks for it (application/yaml), JSON otherwise; `extensions=integrations|apigateway`
 * keeps API Gateway's extensions, without it they are left out.
 */
export const GetExport: Operation = async (ctx) => {
  const format = EXPORT_TYPES[ctx.params.exportType];
  if (!format) throw badRequest(`Invalid export type: ${ctx.params.exportType} (oas30 or swagger)`);
  const extensions = ctx.query.get('extensions');
  if (extensions !== null && !['integrations', 'apigateway', 'authorizers'].includes(extensions)) throw badRequest(`Invalid extensions parameter: ${extensions} (integrations, apigateway or authorizers)`);
  const { api } = await readDeployment({ ...ctx.repo, rev: `stages/${ctx.params.stageName}` }).catch((err: { code?: string; data?: { what?: string } }) => {
    if (err.code === 'NotFoundError') throw Object.assign(err, { data: { ...err.data, what: 'stage' } });
    throw err;
  });
  const yaml = /yaml/i.test(String(ctx.headers.accept ?? ''));
  const doc = JSON.parse(exportDefinition({ api, format, syntax: 'json' }));
  const out = extensions === null ? withoutExtensions(doc) : doc;
  const text = yaml ? stringify(out, { lineWidth: 0, aliasDuplicateObjects: false }) : `${JSON.stringify(out, null, 2)}\n`;
  const stamp = new Date(ctx.now()).toISOString().replace(/\..*/, 'Z');
  return {
    body: text,
    headers: {
      'content-type': yaml ? 'application/yaml' : 'application/json',
      'content-disposition': `attachment; filename="${format === 'oas30' ? 'oas30' : 'swagger'}_${stamp}.${yaml ? 'yaml' : 'json'}"`,
    },
  };
};
