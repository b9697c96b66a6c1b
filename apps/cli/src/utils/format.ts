/** Short deployment id as humans see it (AWS ids are 10 characters). */
export const short = (oid: string | undefined): string => (oid ? oid.slice(0, 10) : '-');

/** "3 minutes ago" style age for human output. */
export function age(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const units: [number, string][] = [[31536000, 'year'], [2592000, 'month'], [86400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) if (s >= size) return `${Math.floor(s / size)} ${unit}${s >= 2 * size ? 's' : ''} ago`;
  return `${s} second${s === 1 ? '' : 's'} ago`;
}

/** Left-aligned columns. */
export function table(rows: string[][], strip: (s: string) => string = (s) => s.replace(/\x1b\[[0-9;]*m/g, '')): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, strip(cell).length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - strip(cell).length))).join('  ').trimEnd()).join('\n');
}

/** "k=v, k2=v2" for variables in human output. */
export function kv(obj: Record<string, string> | undefined): string {
  return obj && Object.keys(obj).length ? Object.entries(obj).map(([k, v]) => `${k}=${v}`).join(', ') : '-';
}
