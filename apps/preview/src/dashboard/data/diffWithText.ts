import { diff, readDeployment, renderTextDiff, type DiffResult, type WriteOptions } from '@gitway/core';

export interface DiffWithText extends DiffResult {
  /** Unified diff of the two exported definitions (OpenAPI/Swagger YAML), as `gitway diff --text` prints it. */
  text: string;
}

/** core's semantic diff between two revisions plus core's unified text diff of their exported definitions. */
export async function diffWithText(repo: WriteOptions, from: string, to: string): Promise<DiffWithText> {
  const result = await diff({ ...repo, from, to });
  const [a, b] = await Promise.all([readDeployment({ ...repo, rev: result.from.id! }), readDeployment({ ...repo, rev: result.to.id! })]);
  const text = renderTextDiff({ api: a.api, label: from, id: a.id }, { api: b.api, label: to, id: b.id });
  return { ...result, text };
}
