import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { freePort } from '@gitway/test-utils';
import { afterAll, expect, test } from 'vitest';
import { deploy, getStage, init, parseDefinition, parsePatchString, readDeployment, resolveRevision, updateStage, type Api } from '@gitway/core';
import { newStage } from '@gitway/core/internal';
import { BIN, ENV, QUICK, gitway, report, snapshot, snapshotDiff, tempDir } from './helpers.js';
import { taggedApi } from './workers/api.mjs';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT_DIR, 'packages/core/test/fixtures/openapi');
const PETSTORE = path.join(ROOT_DIR, 'examples/petstore');
const N = (full: number) => (QUICK ? Math.max(10, Math.round(full / 5)) : full);
const author = { name: 'fuzz', email: 'fuzz@example.com' };
const SEED = Number(process.env.RELIABILITY_SEED ?? 20260101);

// Per-part counters, reported in one line at the end.
const counts = { importer: 0, importerOk: 0, deployed: 0, patch: 0, patchOk: 0, revision: 0, revisionOk: 0, cli: 0, cliOk: 0, runtime: 0, http: 0, crashes: 0 };
/**
 * A violated property: thrown inside the property so fast-check fails the test and shrinks
 * the case to a minimal counterexample (it reports the seed and path to replay it).
 */
const fail = (what: string): never => {
  throw new Error(what);
};

/** A thrown value is acceptable only as a gitway error: an Error with a string `code`. */
function checkError(where: string, error: unknown): void {
  const e = error as { code?: unknown; message?: unknown };
  if (!(error instanceof Error) || typeof e.code !== 'string' || !/^[A-Z][A-Za-z]+$/.test(e.code) || typeof e.message !== 'string' || e.message === '') {
    fail(`${where}: ${error instanceof Error ? `${error.name} without a gitway code: ${error.message}` : `non-Error thrown: ${String(error)}`}`.slice(0, 400));
  }
}

async function repoWithHistory() {
  const dir = tempDir('fuzz');
  const gitdir = path.join(dir, '.gitway');
  await init({ fs, gitdir });
  await deploy({ fs, gitdir, author, api: taggedApi(8, 'v1', 8), description: 'v1', stageName: 'prod' });
  await deploy({ fs, gitdir, author, api: taggedApi(8, 'v2', 8), description: 'v2', stageName: 'prod' });
  await deploy({ fs, gitdir, author, api: taggedApi(8, 'v3', 8), description: 'v3', stageName: 'dev' });
  return { dir, gitdir };
}

// ---------------------------------------------------------------- importer

const fixtureDocs = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown);

const nasty = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$ref', '#/definitions/missing', '../../etc/passwd', 'x-amazon-apigateway-integration', '{proxy+}', '/{a}/{a}', '', '%', '@GET', '.git', '\u0000', '\ud800'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Applies `edits` (each: a path choice, an action, a value) to a deep copy of `doc`. */
function mutate(doc: unknown, edits: { pick: number; action: number; key: string; value: unknown }[]): unknown {
  const root = structuredClone(doc) as Record<string, unknown>;
  for (const edit of edits) {
    // Collect containers, pick one deterministically.
    const containers: [Record<string, unknown> | unknown[], string[]][] = [];
    const walk = (v: unknown, depth: number) => {
      if (v === null || typeof v !== 'object' || depth > 12) return;
      containers.push([v as Record<string, unknown>, Object.keys(v)]);
      for (const child of Object.values(v)) walk(child, depth + 1);
    };
    walk(root, 0);
    const [target, keys] = containers[edit.pick % containers.length];
    const key = keys.length ? keys[edit.pick % keys.length] : edit.key;
    const t = target as Record<string, unknown>;
    switch (edit.action % 5) {
      case 0:
        delete t[key];
        break;
      case 1:
        t[key] = edit.value;
        break;
      case 2:
        Object.defineProperty(t, edit.key, { value: edit.value, enumerable: true, writable: true, configurable: true });
        break;
      case 3:
        t[key] = structuredClone(root) as unknown; // self-similar nesting
        break;
      default:
        t[key] = Array.isArray(t[key]) ? {} : [t[key]];
    }
  }
  return root;
}

function textOf(doc: unknown, asYaml: boolean, garble: number): string {
  let text = JSON.stringify(doc, null, asYaml ? 1 : 2) ?? 'null';
  if (asYaml) text = text.replace(/^(\s*)"([A-Za-z][\w-]*)":/gm, '$1$2:'); // JSON is YAML; unquote some keys
  if (garble > 0 && text.length > 0) {
    const at = garble % text.length;
    text = text.slice(0, at) + ['{', '"', ':', '\n  - ', '\t', '&a *a', '!!binary', '\\u0000'][garble % 8] + text.slice(at + 1);
  }
  return text;
}

test('fuzz: importer (random text, mutated real definitions) and deploy of what parses', async () => {
  const { gitdir } = await repoWithHistory();
  const tryDeploy = async (api: Api, where: string) => {
    const before = snapshot(gitdir);
    try {
      await deploy({ fs, gitdir, author, api, description: 'fuzz' });
      counts.deployed++;
    } catch (error) {
      checkError(`${where} deploy`, error);
      const changed = snapshotDiff(before, snapshot(gitdir));
      if (changed.length) fail(`${where}: failed deploy changed the repository: ${changed.slice(0, 3).join(', ')}`);
    }
  };
  const run = async (text: string, where: string) => {
    counts.importer++;
    let api: Api;
    try {
      api = await parseDefinition({ text, filename: 'fuzz.yaml' });
      counts.importerOk++;
    } catch (error) {
      checkError(where, error);
      return;
    }
    if (counts.importerOk % 3 === 0) await tryDeploy(api, where);
  };
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.json({ maxDepth: 4 }).map((j) => `openapi: 3.0.1\ninfo: ${j}\npaths: ${j}\n`)), async (text) => {
      await run(text, `random text ${JSON.stringify(text).slice(0, 80)}`);
    }),
    { numRuns: N(300), seed: SEED },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.nat(fixtureDocs.length - 1),
      fc.array(fc.record({ pick: fc.nat(), action: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', '$ref', 'x-amazon-apigateway-integration', 'paths', 'type', 'uri'), fc.string()), value: nasty }), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      fc.oneof(fc.constant(0), fc.nat()),
      async (i, edits, asYaml, garble) => {
        const text = textOf(mutate(fixtureDocs[i], edits), asYaml, garble);
        await run(text, `fixture ${i} edits ${JSON.stringify(edits).slice(0, 120)}`);
      },
    ),
    { numRuns: N(400), seed: SEED + 1 },
  );
  // Mutated canonical Api objects straight into the library.
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ pick: fc.nat(), action: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'httpMethod', 'type', 'path', 'resourceMethods', '/x', '@GET'), fc.string()), value: nasty }), { minLength: 1, maxLength: 3 }),
      async (edits) => {
        counts.importer++;
        await tryDeploy(mutate(taggedApi(4, 'm', 4), edits) as Api, `api edits ${JSON.stringify(edits).slice(0, 120)}`);
      },
    ),
    { numRuns: N(200), seed: SEED + 2 },
  );
});

// ---------------------------------------------------------------- stage patch operations, revisions

const PATCH_PATHS = [
  '/deploymentId', '/description', '/variables/backend', '/variables/', '/variables/a~1b', '/cacheClusterEnabled', '/cacheClusterSize', '/tracingEnabled',
  '/*/*/throttling/rateLimit', '/*/*/throttling/burstLimit', '/*/*/caching/enabled', '/*/*/caching/ttlInSeconds', '/*/*/logging/loglevel', '/*/*/metrics/enabled',
  '/~1r0~1s1/GET/caching/enabled', '/r0/s1/GET/throttling/rateLimit', '/canarySettings/percentTraffic', '/canarySettings/deploymentId', '/canarySettings/stageVariableOverrides/x',
  '/accessLogSettings/format', '/accessLogSettings/destinationArn', '/clientCertificateId', '/tags/x', '/__proto__/polluted', '/constructor/prototype/x', '', '/', '~', '/stageName',
];
const VALUES = ['prod', 'dev', 'HEAD', 'main', 'prod@{1}', 'HEAD~1', '0', '-1', '1e309', '3601', 'true', 'false', '0.5', '237', '13.5', 'ERROR', 'INFO', 'x'.repeat(600), 'a b', 'http://127.0.0.1:9/x', '100', '101', 'NaN', '__proto__', '{}', ''];

test('fuzz: stage patch operations and revision strings', async () => {
  const { gitdir } = await repoWithHistory();
  const op = fc.record(
    {
      op: fc.oneof(fc.constantFrom('replace', 'add', 'remove', 'copy', 'move', 'test'), fc.string({ maxLength: 8 })),
      path: fc.oneof(fc.constantFrom(...PATCH_PATHS), fc.string({ maxLength: 30 })),
      value: fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 40 }), fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown>),
      from: fc.oneof(fc.constant(undefined), fc.constantFrom(...PATCH_PATHS)),
    },
    { requiredKeys: ['op', 'path'] },
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.array(op, { maxLength: 4 }), nasty as fc.Arbitrary<unknown>), fc.constantFrom('prod', 'dev', 'nope', '', '../x', 'a'.repeat(129)), async (ops, stageName) => {
      counts.patch++;
      const before = snapshot(gitdir);
      try {
        await updateStage({ fs, gitdir, author, stageName, patchOperations: ops as never });
        counts.patchOk++;
        // What was accepted must read back as a valid stage.
        await getStage({ fs, gitdir, stageName });
      } catch (error) {
        checkError(`updateStage ${stageName} ${JSON.stringify(ops).slice(0, 200)}`, error);
        const changed = snapshotDiff(before, snapshot(gitdir));
        if (changed.length) fail(`updateStage ${JSON.stringify(ops).slice(0, 200)}: failed update changed the repository: ${changed.slice(0, 3).join(', ')}`);
      }
    }),
    { numRuns: N(400), seed: SEED + 3 },
  );
  await fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (s) => {
      counts.patch++;
      try {
        parsePatchString(s);
        counts.patchOk++;
      } catch (error) {
        checkError(`parsePatchString ${JSON.stringify(s)}`, error);
      }
    }),
    { numRuns: N(300), seed: SEED + 4 },
  );

  const piece = fc.constantFrom('HEAD', '@', 'main', 'prod', 'dev', 'heads/main', 'stages/prod', 'refs/heads/main', 'refs/stages/dev', '~', '~1', '~99', '^', '^^', '@{0}', '@{1}', '@{9}', '@{-1}', '@{', '}', '..', '/', 'abcd', '0000', 'ffffffffffffffffffffffffffffffffffffffff', '.lock', ':', '\\', ' ', '\n');
  const rev = fc.oneof(fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join('')), fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9a-f]{0,41}$/));
  const before = snapshot(gitdir);
  await fc.assert(
    fc.asyncProperty(rev, async (r) => {
      counts.revision++;
      try {
        const { oid } = await resolveRevision({ fs, gitdir, rev: r });
        await readDeployment({ fs, gitdir, rev: oid });
        counts.revisionOk++;
      } catch (error) {
        checkError(`revision ${JSON.stringify(r)}`, error);
      }
    }),
    { numRuns: N(500), seed: SEED + 5 },
  );
  const changed = snapshotDiff(before, snapshot(gitdir));
  if (changed.length) fail(`resolving revisions changed the repository: ${changed.slice(0, 3).join(', ')}`);
});

// ---------------------------------------------------------------- CLI argument vectors

test('fuzz: CLI argument vectors', async () => {
  const template = await repoWithHistory();
  fs.copyFileSync(path.join(PETSTORE, 'v1.yaml'), path.join(template.dir, 'api.yaml'));
  const words = [
    'init', 'deploy', 'status', 'log', 'show', 'diff', 'stage', 'list', 'show', 'create', 'update', 'delete', 'history', 'rollback', 'canary', 'branch', 'switch', 'merge', 'export', 'completion',
    '--json', '--quiet', '-q', '--no-color', '--help', '--version', '-m', '--message', '--stage', '-s', '--variables', '--patch', '--deployment', '--file', '-f', '--format', '--name-only', '--stat', '--exit-code', '--allow-empty', '--force', '--abort', '--continue', '--repo', '--description', '-n', '--limit', '--percent', '--markdown', '--text',
    'prod', 'dev', 'main', 'HEAD', 'HEAD~1', 'prod@{1}', 'api.yaml', 'missing.yaml', '/dev/null', 'k=v', 'a=b,c', '=', '---', '-', '--', '0', '-1', '1e9', '{}', '[', 'x'.repeat(200), '__proto__', '../../x', 'op=replace,path=/variables/x,value=y', 'op=remove,path=/description',
  ];
  const forbidden = /^(preview|push|fetch|pull|clone|remote)$/;
  const argvArb = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { minLength: 0, maxLength: 6 }).filter((a) => !a.some((w) => forbidden.test(w)));
  const work = tempDir('cli-fuzz');
  let caseNo = 0;
  await fc.assert(
    fc.asyncProperty(argvArb, async (argv) => {
      counts.cli++;
      const dir = path.join(work, String(caseNo++));
      fs.cpSync(template.dir, dir, { recursive: true });
      const before = snapshot(path.join(dir, '.gitway'));
      const r = gitway(dir, argv, 20_000);
      const where = `gitway ${JSON.stringify(argv)}`;
      if (r.signal) fail(`${where}: killed by ${r.signal} (hang?)`);
      else if (![0, 1, 2, 128].includes(r.code)) fail(`${where}: exit code ${r.code}: ${r.stderr.slice(0, 200)}`);
      if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) fail(`${where}: stack trace on stderr: ${r.stderr.slice(0, 300)}`);
      if (r.code === 128 && !/^error: .+ \[[A-Z][A-Za-z]+\]$/m.test(r.stderr)) fail(`${where}: error without a code: ${r.stderr.slice(0, 200)}`);
      if (r.code === 2 && !/^usage: /m.test(r.stderr)) fail(`${where}: usage error without 'usage:': ${r.stderr.slice(0, 200)}`);
      if (r.code === 0) counts.cliOk++;
      if (r.code !== 0 && r.code !== 1) {
        const changed = snapshotDiff(before, snapshot(path.join(dir, '.gitway')));
        if (changed.length) fail(`${where}: exit ${r.code} but the repository changed: ${changed.slice(0, 3).join(', ')}`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }),
    { numRuns: N(150), seed: SEED + 6 },
  );
});

// ---------------------------------------------------------------- runtime requests

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'get', 'FOO', ''];
const PATHS = ['/', '/pets', '/pets/1', '/pets/%', '/pets/%ZZ', '/pets/%2F', '/pets/../../etc', '//', '/pets?', '/r0/s1', '/version', '/{proxy+}', '/pets/1/x/y/z', '/\u0000', '/%00', '/' + 'a/'.repeat(300), '/pets/' + 'é'.repeat(10), '/__proto__', '/constructor'];
const requestArb = fc.record({
  method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 8 })),
  path: fc.oneof(fc.constantFrom(...PATHS), fc.webPath(), fc.string({ maxLength: 40 }).map((s) => '/' + s)),
  headers: fc.dictionary(fc.oneof(fc.constantFrom('content-type', 'accept', 'authorization', 'x-api-key', 'cache-control', 'content-length', '__proto__', 'host'), fc.string({ maxLength: 10 })), fc.string({ maxLength: 40 }), { maxKeys: 5 }),
  query: fc.dictionary(fc.oneof(fc.constantFrom('limit', 'q', '__proto__', 'petId'), fc.string({ maxLength: 8 })), fc.oneof(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })), { maxKeys: 4 }),
  body: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b))),
});

async function fuzzApis(): Promise<Api[]> {
  const out: Api[] = [taggedApi(4, 'fuzz', 4) as Api];
  for (const f of [path.join(PETSTORE, 'v1.yaml'), path.join(PETSTORE, 'v2.yaml'), ...fs.readdirSync(FIXTURES).map((x) => path.join(FIXTURES, x))]) {
    try {
      out.push(await parseDefinition({ text: fs.readFileSync(f, 'utf8'), filename: f }));
    } catch {
      // fixtures the importer rejects are covered by the importer fuzzing
    }
  }
  return out;
}

test('fuzz: runtime requests (in-process gateway and preview over HTTP)', async () => {
  const runtime = await import('@gitway/runtime');
  const apis = await fuzzApis();
  const stage = { ...newStage('fuzz', 'f'.repeat(40), new Date(Date.UTC(2026, 0, 1)).toISOString()), variables: { backend: 'http://127.0.0.1:9', url: 'http://127.0.0.1:9' } };
  // No network: HTTP integrations get a canned backend answer (or a failure).
  const fetch = async (url: string) => {
    if (url.includes('fail')) throw new Error('connection refused');
    return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const gateways = apis.map((api) => runtime.createGateway({ api, stage, fetch: fetch as never, handlers: { fn: async () => ({ statusCode: 200, body: 'x' }) }, now: () => Date.UTC(2026, 0, 1), random: () => 0.5 }));
  await fc.assert(
    fc.asyncProperty(fc.nat(gateways.length - 1), requestArb, async (g, req) => {
      counts.runtime++;
      const where = `gateway ${g} ${JSON.stringify({ ...req, body: typeof req.body === 'string' ? req.body.slice(0, 40) : req.body ? '<bytes>' : undefined }).slice(0, 300)}`;
      let res: Awaited<ReturnType<(typeof gateways)[number]['handle']>>;
      try {
        res = await Promise.race([
          gateways[g].handle(req as never),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('handle() did not answer within 5 s')), 5000)),
        ]);
      } catch (error) {
        return fail(`${where}: handle() threw ${(error as Error)?.stack?.split('\n').slice(0, 2).join(' ') ?? error}`);
      }
      if (!Number.isInteger(res.statusCode) || res.statusCode < 100 || res.statusCode > 599) fail(`${where}: status ${res.statusCode}`);
      if (typeof res.body !== 'string' && !Buffer.isBuffer(res.body)) fail(`${where}: body is ${typeof res.body}`);
    }),
    { numRuns: N(1500), seed: SEED + 7 },
  );

  // The preview server over HTTP: random requests and raw malformed bytes never bring it down.
  const repo = await repoWithHistory();
  await deploy({ fs, gitdir: repo.gitdir, author, api: apis[1] ?? apis[0], description: 'petstore', stageName: 'pets', variables: { backend: 'http://127.0.0.1:9' } });
  let port = 0;
  let child!: ReturnType<typeof spawn>;
  let childErr = '';
  let crashes = 0;
  const send = (method: string, p: string, headers: Record<string, string>, body?: Buffer | string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent: false, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  const start = async () => {
    childErr = '';
    port = await freePort();
    child = spawn(process.execPath, [BIN, 'preview', '--port', String(port), '--no-access-log'], { cwd: repo.dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d) => (childErr = (childErr + d).slice(-2000)));
    child.stdout!.resume();
    for (let i = 0; ; i++) {
      try {
        await send('GET', '/prod/version', {});
        return;
      } catch {
        if (i > 200) throw new Error(`preview did not start: ${childErr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  /** A request that killed the server is one failure; the server is restarted for the next case. */
  const crashed = async (what: string) => {
    await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode === null && child.signalCode === null) return false;
    crashes++;
    counts.crashes = crashes;
    const cause = childErr.split('\n').filter((l) => /Error|at /.test(l)).slice(0, 2).join(' ').replace(/\s+/g, ' ').slice(0, 200);
    await start(); // a fresh server for the cases fast-check runs while shrinking
    return fail(`preview CRASHED on ${what}: ${cause}`);
  };
  await start();
  try {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('prod', 'dev', 'pets', 'nope', '_gitway', '%', ''), requestArb, async (stageName, req) => {
        counts.http++;
        const q = Object.entries(req.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
        const p = `/${stageName}${req.path.split('').map((c) => (c.charCodeAt(0) < 0x21 || c.charCodeAt(0) > 0x7e ? encodeURIComponent(c) : c)).join('')}${q ? `?${q}` : ''}`;
        const method = /^[A-Z]{1,10}$/.test(req.method) && req.method !== 'CONNECT' ? req.method : 'GET';
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => /^[a-z][a-z0-9-]*$/.test(k) && k !== 'content-length' && k !== 'host' && !/[^\t\x20-\x7e]/.test(v)));
        let status: number;
        try {
          status = await send(method, p, headers, method === 'GET' || method === 'HEAD' ? undefined : typeof req.body === 'string' || Buffer.isBuffer(req.body) ? req.body : req.body === undefined ? undefined : JSON.stringify(req.body));
        } catch (error) {
          await crashed(`${method} ${p}`);
          return fail(`preview ${method} ${p}: ${(error as Error).message}`);
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 500) fail(`preview ${method} ${p}: 500 Internal server error (an exception in the server)`);
      }),
      { numRuns: N(600), seed: SEED + 8 },
    );
    // Raw malformed requests on a socket.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('GET /prod/version HTTP/1.1\r\n\r\n', 'GET /prod/%%%% HTTP/1.1\r\nHost: x\r\n\r\n', 'POST /prod/version HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nx', 'GET /prod/version HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n', '\u0000\u0001\u0002')), async (raw) => {
        counts.http++;
        await new Promise<void>((resolve) => {
          const s = net.connect(port, '127.0.0.1', () => s.end(raw));
          s.setTimeout(3000, () => s.destroy());
          s.on('data', () => undefined);
          s.on('error', () => resolve());
          s.on('close', () => resolve());
        });
        await crashed(`raw bytes ${JSON.stringify(raw).slice(0, 80)}`);
      }),
      { numRuns: N(200), seed: SEED + 9 },
    );
    const still = await send('GET', '/prod/version', {});
    if (still !== 200) fail(`preview after fuzzing answers ${still} on GET /prod/version`);
    process.stdout.write(`[reliability] preview statuses under fuzzing: ${[...statuses].sort().map(([k, v]) => `${k}=${v}`).join(' ')}; crashes ${crashes}\n`);
  } finally {
    child.kill('SIGTERM');
  }
});

afterAll(() => {
  const line = `${counts.importer} importer/model cases (${counts.importerOk} parsed, ${counts.deployed} deployed), ${counts.patch} patch cases (${counts.patchOk} accepted), ${counts.revision} revisions (${counts.revisionOk} resolved), ${counts.cli} CLI argv (${counts.cliOk} exit 0), ${counts.runtime} gateway requests, ${counts.http} preview HTTP requests (${counts.crashes} server crashes)`;
  report('fuzz', line, true);
});
