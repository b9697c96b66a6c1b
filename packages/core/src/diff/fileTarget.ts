import { unescapeSegment } from '../utils/pathSegments.js';
import type { ChangeTarget } from './types.js';

const DIRS: Record<string, ChangeTarget> = {
  models: 'model',
  authorizers: 'authorizer',
  validators: 'validator',
  'gateway-responses': 'gatewayResponse',
};

/**
 * What a deployment tree file holds: "paths/pets/{petId}/@GET.json" ->
 * operation "GET /pets/{petId}", "models/Pet.json" -> model "Pet", "api.json" -> api.
 */
export function fileTarget(file: string): { target: ChangeTarget; name: string } | null {
  if (file === 'api.json') return { target: 'api', name: 'API' };
  const parts = file.split('/');
  const last = parts[parts.length - 1]!;
  if (parts[0] === 'paths') {
    const resource = '/' + parts.slice(1, -1).map(unescapeSegment).join('/');
    if (last === '@resource.json') return { target: 'resource', name: resource };
    const m = /^@([A-Z]+)\.json$/.exec(last);
    return m ? { target: 'operation', name: `${m[1]} ${resource}` } : null;
  }
  const target = DIRS[parts[0]!];
  if (!target || parts.length !== 2 || !last.endsWith('.json')) return null;
  return { target, name: unescapeSegment(last.slice(0, -'.json'.length)) };
}
