/**
 * Recorded answers gitway gives differently on purpose, each with the reason. The one
 * place such differences are written down: the suite compares every other recorded
 * answer and fails on any mismatch, and fails when a listed answer matches (the entry is
 * stale and must go).
 */
export interface KnownDifference {
  /** The snapshot test id (file::Class::test) and the answer's key in it. */
  test: string;
  key: string;
  reason: string;
}

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [];
