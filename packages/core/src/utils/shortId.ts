/** How many hex digits of a deployment id humans see (AWS deployment ids are 10 long). */
export const SHORT_ID_LENGTH = 10;

/**
 * A deployment (or stage commit) id as humans see it: its first 10 hex digits; `-` when
 * there is none. The one owner of that rule for messages, the CLI and the dashboard.
 *
 * @example
 * shortId('3f9a2c71d0e4b5a6c7d8e9f00112233445566778'); // '3f9a2c71d0'
 * shortId(undefined); // '-'
 */
export function shortId(id: string | undefined | null): string {
  return id ? id.slice(0, SHORT_ID_LENGTH) : '-';
}
