import type { Api } from '@gitway/core';

/** One method of an API: its methodSettings key ("pets/{petId}/GET"), verb and resource path. */
export interface ApiMethod {
  key: string;
  httpMethod: string;
  path: string;
}

/** The methods of an API sorted by path then verb (none for an unreadable deployment). */
export function apiMethods(api: Api | null): ApiMethod[] {
  if (!api) return [];
  return Object.entries(api.resources)
    .flatMap(([path, r]) => Object.keys(r.resourceMethods ?? {}).map((m) => ({ key: `${path.slice(1)}/${m}`, httpMethod: m, path })))
    .sort((a, b) => (a.path === b.path ? a.httpMethod.localeCompare(b.httpMethod) : a.path.localeCompare(b.path)));
}
