const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/**
 * Builds `$util` for mapping templates: escapeJavaScript, parseJson, urlEncode,
 * urlDecode, base64Encode, base64Decode, as API Gateway documents them.
 *
 * @example
 * const util = createVtlUtil();
 * util.urlEncode('x=a+b'); // 'x%3Da%2Bb'
 */
export function createVtlUtil() {
  return {
    escapeJavaScript(value: unknown): string {
      const text = value === null || value === undefined ? 'null' : String(value);
      return text.replace(/["\\\n\r\t\b\f]|[\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    },
    parseJson(value: unknown): unknown {
      return JSON.parse(String(value));
    },
    /** Java URLEncoder semantics: space -> '+', only [A-Za-z0-9.*_-] left as is. */
    urlEncode(value: unknown): string {
      return encodeURIComponent(String(value))
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+');
    },
    urlDecode(value: unknown): string {
      return decodeURIComponent(String(value).replace(/\+/g, ' '));
    },
    base64Encode(value: unknown): string {
      return Buffer.from(String(value), 'utf8').toString('base64');
    },
    base64Decode(value: unknown): string {
      return Buffer.from(String(value), 'base64').toString('utf8');
    },
  };
}
