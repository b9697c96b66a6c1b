import type { MethodSetting } from '@gitway/core';

/** The stage's settings for one method, with where its caching flag came from. */
export interface EffectiveMethodSetting extends MethodSetting {
  /** True when the method has its own entry (not only "*\/*"). */
  specific: boolean;
}

/**
 * Resolves the stage settings of one method: `methodSettings["*\/*"]` overlaid by the
 * method's own entry, keyed as API Gateway does, `"{resourcePath without leading slash}/{HTTP method}"`
 * (e.g. "pets/{petId}/GET", "/GET" for the root). Keys written with "~1" for "/" (the
 * PATCH-path form) are accepted too.
 *
 * @example
 * methodSettingFor({ '*\/*': { throttlingRateLimit: 10 }, 'pets/{petId}/GET': { throttlingBurstLimit: 1 } }, '/pets/{petId}', 'GET');
 * // { throttlingRateLimit: 10, throttlingBurstLimit: 1, specific: true }
 */
export function methodSettingFor(settings: Record<string, MethodSetting> | undefined, resourcePath: string, httpMethod: string): EffectiveMethodSetting {
  if (!settings) return { specific: false };
  const wanted = `${resourcePath.replace(/^\//, '')}/${httpMethod}`;
  let own: MethodSetting | undefined;
  for (const [key, value] of Object.entries(settings)) {
    if (key !== '*/*' && key.replace(/~1/g, '/').replace(/^\//, '') === wanted.replace(/^\//, '')) own = value;
  }
  return { ...settings['*/*'], ...own, specific: own !== undefined };
}
