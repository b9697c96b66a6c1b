import { log, type Deployment, type WriteOptions } from '@gitway/core';

/** Reads deployment records (id, description, createdDate) once each per request. */
export function deploymentReader(repo: WriteOptions): (id: string) => Promise<Deployment | null> {
  const seen = new Map<string, Promise<Deployment | null>>();
  return (id) => {
    let p = seen.get(id);
    if (!p) {
      p = log({ ...repo, rev: id, depth: 1 }).then(
        ([d]) => (d ? { id: d.id, description: d.description, createdDate: d.createdDate } : null),
        () => null,
      );
      seen.set(id, p);
    }
    return p;
  };
}
