import { createTwoFilesPatch } from 'diff';
import { diff, exportDefinition, readDeployment, type DiffResult, type WriteOptions } from '@gitway/core';
import { shortId } from '@gitway/core/internal';

export interface DiffWithText extends DiffResult {
  /** Unified diff of the two exported definitions (OpenAPI/Swagger YAML). */
  text: string;
}

/**
 * core's semantic diff between two revisions plus the unified text diff of their
 * exported definitions, both sides exported in the format the older one came in.
 */
export async function diffWithText(repo: WriteOptions, from: string, to: string): Promise<DiffWithText> {
  const result = await diff({ ...repo, from, to });
  const [a, b] = await Promise.all([readDeployment({ ...repo, rev: result.from.id! }), readDeployment({ ...repo, rev: result.to.id! })]);
  const format = a.api.restApi.sourceFormat ?? 'oas30';
  const text = createTwoFilesPatch(
    `a/${from}`,
    `b/${to}`,
    exportDefinition({ api: a.api, format }),
    exportDefinition({ api: b.api, format }),
    shortId(a.id),
    shortId(b.id),
    { context: 3 },
  );
  return { ...result, text };
}
