import type { Integration } from '@gitway/core';
import { GatewayError } from '../GatewayError.js';

/**
 * Picks the request mapping template for a content type under the integration's
 * passthroughBehavior: a template for the type is used; otherwise WHEN_NO_MATCH (default)
 * passes the body through, WHEN_NO_TEMPLATES passes it only when no template is defined,
 * and NEVER refuses — refusals throw UNSUPPORTED_MEDIA_TYPE (415). Returns undefined for
 * pass-through.
 *
 * @example
 * selectRequestTemplate({ type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }, 'application/json');
 * // '{"statusCode": 200}'
 */
export function selectRequestTemplate(integration: Integration, contentType: string): string | undefined {
  const templates = integration.requestTemplates ?? {};
  if (Object.hasOwn(templates, contentType)) return templates[contentType];
  const behavior = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
  const none = Object.keys(templates).length === 0;
  if (behavior === 'NEVER' || (behavior === 'WHEN_NO_TEMPLATES' && !none)) throw new GatewayError('UNSUPPORTED_MEDIA_TYPE');
  return undefined;
}
