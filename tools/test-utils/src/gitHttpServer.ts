import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import { rewriteAdvertisement, sendEndlessPack, type HostileGit } from './hostileGit.js';

export type { HostileGit } from './hostileGit.js';

/** Drop the connection after `afterBytes` of the response body (default: half) to requests whose path ends with `path`. */
export interface GitHttpFault {
  path: 'info/refs' | 'git-upload-pack' | 'git-receive-pack';
  afterBytes?: number;
}

export interface GitHttpServerOptions {
  /** GIT_PROJECT_ROOT: the directory holding the served bare repositories. */
  root: string;
  /** Require HTTP basic auth with these credentials (REMOTE_USER is then set, which also enables pushes). */
  auth?: { username: string; password: string };
  fault?: GitHttpFault | null;
  /** Make the server lie (extra ref names, endless packs, silence); see HostileGit. */
  hostile?: HostileGit | null;
}

export interface GitHttpServer {
  port: number;
  /** http://127.0.0.1:PORT/<repo>, optionally with `user:pass@`. */
  url(repo: string, credentials?: { username: string; password: string }): string;
  /** `git init --bare` under root; `receivePack` sets http.receivepack=true. Returns its path. */
  createRepo(name: string, opts?: { receivePack?: boolean }): string;
  /** Set or clear the fault injected into later responses. */
  fault: GitHttpFault | null;
  /** Set or clear the lies told in later responses. */
  hostile: HostileGit | null;
  /** Request lines seen ("GET /x.git/info/refs?service=git-upload-pack"). */
  requests: string[];
  close(): Promise<void>;
}

const backend = path.join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git-http-backend');

function parseCgi(out: Buffer): { status: number; headers: Record<string, string>; body: Buffer } {
  let end = out.indexOf('\r\n\r\n');
  let sep = 4;
  const lf = out.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) [end, sep] = [lf, 2];
  if (end < 0) return { status: 502, headers: {}, body: out };
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of out.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const name = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (name.toLowerCase() === 'status') status = parseInt(value, 10);
    else headers[name] = value;
  }
  return { status, headers, body: out.subarray(end + sep) };
}

/**
 * Native git, asynchronously: the server below runs in the test's own process, so git
 * commands that talk to it must not block the event loop (execFileSync would deadlock).
 * Rejects with git's stderr on failure.
 *
 * @example
 * const refs = await gitAsync(['ls-remote', server.url('api.git')]);
 */
export function gitAsync(args: string[], opts: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { encoding: 'utf8', cwd: opts.cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { stderr })) : resolve(stdout),
    );
  });
}

/**
 * A real `git http-backend` (git's CGI) behind a small node:http bridge on an ephemeral
 * 127.0.0.1 port; closed when the test ends.
 *
 * @example
 * const server = await startGitHttpServer({ root: tempDir() });
 * server.createRepo('api.git', { receivePack: true });
 * await gitAsync(['ls-remote', server.url('api.git')]); // never execFileSync: same process
 */
export async function startGitHttpServer(opts: GitHttpServerOptions): Promise<GitHttpServer> {
  const requests: string[] = [];
  const state: { fault: GitHttpFault | null; hostile: HostileGit | null } = { fault: opts.fault ?? null, hostile: opts.hostile ?? null };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${u.pathname}${u.search}`);
    const hostile = state.hostile;
    if (hostile?.silent && u.pathname.endsWith(hostile.silent)) {
      req.resume();
      return;
    }
    if (hostile?.endlessPack && u.pathname.endsWith('git-upload-pack')) {
      sendEndlessPack(req, res);
      return;
    }
    let user = '';
    if (opts.auth) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
      if (given !== `${opts.auth.username}:${opts.auth.password}`) {
        req.resume();
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
        res.end('Unauthorized\n');
        return;
      }
      user = opts.auth.username;
    }
    const h = (name: string): string => String(req.headers[name] ?? '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_PROJECT_ROOT: opts.root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method,
      PATH_INFO: decodeURIComponent(u.pathname),
      QUERY_STRING: u.search.slice(1),
      CONTENT_TYPE: h('content-type'),
      REMOTE_ADDR: '127.0.0.1',
      ...(user ? { REMOTE_USER: user } : {}),
      ...(h('git-protocol') ? { HTTP_GIT_PROTOCOL: h('git-protocol') } : {}),
      ...(h('content-length') ? { CONTENT_LENGTH: h('content-length') } : {}),
      ...(h('content-encoding') ? { HTTP_CONTENT_ENCODING: h('content-encoding') } : {}),
    };
    const child = spawn(backend, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    req.pipe(child.stdin);
    child.on('close', () => {
      const parsed = parseCgi(Buffer.concat(out));
      const { status, headers } = parsed;
      const body = hostile && u.pathname.endsWith('info/refs') ? rewriteAdvertisement(parsed.body, hostile) : parsed.body;
      if (body !== parsed.body) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-length') delete headers[k];
      if (hostile?.delayMs) {
        setTimeout(() => res.writeHead(status, headers).end(body), hostile.delayMs);
        return;
      }
      const fault = state.fault;
      res.writeHead(status, headers);
      if (fault && u.pathname.endsWith(fault.path)) {
        res.write(body.subarray(0, Math.min(fault.afterBytes ?? Math.floor(body.length / 2), body.length - 1)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  onTestFinished(close);
  return {
    port,
    requests,
    get fault() {
      return state.fault;
    },
    set fault(f: GitHttpFault | null) {
      state.fault = f;
    },
    get hostile() {
      return state.hostile;
    },
    set hostile(h: HostileGit | null) {
      state.hostile = h;
    },
    url: (repo, c) => `http://${c ? `${encodeURIComponent(c.username)}:${encodeURIComponent(c.password)}@` : ''}127.0.0.1:${port}/${repo}`,
    createRepo(name, o = {}) {
      const dir = path.join(opts.root, name);
      fs.mkdirSync(dir, { recursive: true });
      execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', dir]);
      if (o.receivePack) execFileSync('git', ['--git-dir', dir, 'config', 'http.receivepack', 'true']);
      return dir;
    },
    close,
  };
}
