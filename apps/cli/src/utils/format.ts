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
