const UNITS: [number, string][] = [[60, 'minute'], [3600, 'hour'], [86400, 'day'], [2592000, 'month'], [31536000, 'year']];

/**
 * How long ago `iso` was at `now` (ms), in words: "just now", "5 minutes ago", "3 days ago",
 * "in the future"; an unreadable date is returned as given. Shared by the CLI and the
 * dashboard so both say the same.
 *
 * @example
 * age('2026-01-31T21:00:00Z', Date.parse('2026-02-01T00:00:00Z')); // '3 hours ago'
 */
export function age(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 0) return 'in the future';
  if (seconds < 45) return 'just now';
  let [size, name] = UNITS[0];
  for (const u of UNITS) if (seconds >= u[0]) [size, name] = u;
  const n = Math.max(1, Math.round(seconds / size));
  return `${n} ${name}${n === 1 ? '' : 's'} ago`;
}
