import { RE2JS } from 're2js';

const cache = new Map<string, RE2JS>();

/**
 * Compiles a regular expression from a definition or a template with RE2 (re2js, pure
 * JS): matching is linear in the subject, so no pattern can backtrack for minutes
 * (`^(a+)+$`). Backreferences and lookaround, which need backtracking, are refused
 * with an error (RE2's syntax is Java's minus those). Compiled patterns are cached.
 *
 * @example
 * safeRegex('^(a+)+$').matches('a'.repeat(30) + 'b'); // false, in microseconds
 */
export function safeRegex(pattern: string, flags = 0): RE2JS {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (!re) {
    re = RE2JS.compile(pattern, flags);
    if (cache.size >= 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** RE2JS.DOTALL: `.` matches line terminators too (API Gateway's selectionPattern is matched over multi-line error messages). */
export const DOTALL = RE2JS.DOTALL;
