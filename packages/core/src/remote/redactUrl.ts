/**
 * The URL without its `user:password@` part: every message, error and JSON output that
 * names a remote goes through this, so a token in the URL is never printed. An ssh
 * user name without a password is not a secret and stays (`ssh://git@host/x.git`).
 *
 * @example
 * redactUrl('https://me:s3cret@git.example.com/api.git'); // 'https://git.example.com/api.git'
 * redactUrl('ssh://git@git.example.com/api.git');         // unchanged
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    if (/^(ssh|git\+ssh|ssh\+git):$/i.test(u.protocol) && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
