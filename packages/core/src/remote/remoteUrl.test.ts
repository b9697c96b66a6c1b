import { describe, expect, it } from 'vitest';
import { assertRemoteUrl, remoteUrlKind } from './remoteUrl.js';
import { parseLsRemote } from './git/gitTransport.js';
import { scrub } from './git/gitFailure.js';
import { redactUrl } from './redactUrl.js';

describe('remote URLs', () => {
  it.each([
    ['https://git.example.com/team/api.git', 'http'],
    ['HTTP://git.example.com/api.git', 'http'],
    ['ssh://git@git.example.com:2222/srv/api.git', 'ssh'],
    ['git+ssh://git.example.com/api.git', 'ssh'],
    ['git@github.com:org/api.git', 'ssh'],
    ['host:api.git', 'ssh'],
    ['git://git.example.com/api.git', 'git'],
    ['file:///srv/git/api.git', 'file'],
    ['/srv/git/api.git', 'path'],
    ['../api.git', 'path'],
    ['./a:b/api.git', 'path'],
    ['api.git', 'path'],
    ['ftp://example.com/api.git', null],
  ])('%s is %s', (url, kind) => {
    expect(remoteUrlKind(url)).toBe(kind);
  });

  it.each([
    ['', 'NotAGitwayRemoteError'],
    ['-oProxyCommand=touch x', 'NotAGitwayRemoteError'],
    ['--upload-pack=touch x', 'NotAGitwayRemoteError'],
    ['ext::sh -c touch% x', 'NotAGitwayRemoteError'],
    ['fd::3', 'NotAGitwayRemoteError'],
    ['ftp://example.com/api.git', 'NotAGitwayRemoteError'],
    ['/srv/a\nb.git', 'InvalidParameterError'],
  ])('refuses %j with %s', (url, code) => {
    let caught: { code?: string } = {};
    try {
      assertRemoteUrl(url);
    } catch (err) {
      caught = err as { code?: string };
    }
    expect(caught.code).toBe(code);
  });

  it('keeps an ssh user name and strips http credentials everywhere git may print them', () => {
    expect(redactUrl('ssh://git@example.com/api.git')).toBe('ssh://git@example.com/api.git');
    expect(redactUrl('ssh://git:pw@example.com/api.git')).toBe('ssh://example.com/api.git');
    expect(redactUrl('https://tok3n@example.com/api.git')).toBe('https://example.com/api.git');
    const raw = 'https://bob:hunter2@example.com/api.git';
    expect(scrub(`fatal: unable to access '${raw}/': The requested URL returned error: 500 (https://x:y@other.example/z)`, raw, redactUrl(raw))).toBe(
      "fatal: unable to access 'https://example.com/api.git/': The requested URL returned error: 500 (https://other.example/z)",
    );
  });

  it('reads git ls-remote --symref output, names as printed (validated later)', () => {
    const oid = 'a'.repeat(40);
    const out = `ref: refs/heads/main\tHEAD\n${oid}\tHEAD\n${oid}\trefs/heads/main\n${oid}\trefs/tags/v1^{}\n${oid}\trefs/heads/with\ttab\n`;
    const { refs, head } = parseLsRemote(out);
    expect(head).toBe('refs/heads/main');
    expect([...refs.keys()]).toEqual(['refs/heads/main', 'refs/heads/with\ttab']);
  });
});
