import { onTestFinished } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { APIGatewayClient, CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { deploy, parseDefinition } from '@gitway/core';
import { colorsDefinition, tempDir, tempRepo } from '@gitway/test-utils';
import { createServeServer } from '@gitway/serve';

export const CREDENTIALS = { accessKeyId: 'AKIDAWSPUSHTEST', secretAccessKey: 'aws-push-test-secret' };

/** The API Gateway operation a control-plane request is (the ones push and pull make). */
export function operationOf(method: string, url: string): string {
  const p = url.split('?')[0]!;
  const rules: [string, RegExp, string][] = [
    ['GET', /^\/restapis\/[^/]+$/, 'GetRestApi'],
    ['PUT', /^\/restapis\/[^/]+$/, 'PutRestApi'],
    ['GET', /^\/restapis\/[^/]+\/deployments$/, 'GetDeployments'],
    ['POST', /^\/restapis\/[^/]+\/deployments$/, 'CreateDeployment'],
    ['GET', /^\/restapis\/[^/]+\/stages$/, 'GetStages'],
    ['POST', /^\/restapis\/[^/]+\/stages$/, 'CreateStage'],
    ['GET', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'GetStage'],
    ['PATCH', /^\/restapis\/[^/]+\/stages\/[^/]+$/, 'UpdateStage'],
    ['GET', /^\/restapis\/[^/]+\/stages\/[^/]+\/exports\/[^/]+$/, 'GetExport'],
    ['POST', /^\/tags\//, 'TagResource'],
    ['DELETE', /^\/tags\//, 'UntagResource'],
    ['POST', /^\/restapis$/, 'CreateRestApi'],
  ];
  return rules.find(([m, re]) => m === method && re.test(p))?.[2] ?? `${method} ${p}`;
}

/** A fault to inject: answer this status and AWS error instead of forwarding. */
export interface Fault {
  status: number;
  type: string;
  message: string;
}

/**
 * A real `gitway serve` on 127.0.0.1:0 behind a recording proxy (also on port 0): `calls`
 * lists the operations the proxy saw, in order; `failNext(op, fault, times)` makes the proxy
 * answer the next `times` requests for `op` with the fault, as API Gateway would
 * (x-amzn-ErrorType, {"message"}). Closed when the test ends.
 */
export async function startAws() {
  const root = tempDir('gitway-aws-serve-');
  // A clock one second further on every reading (from now, so signatures stay within AWS's skew): AWS dates differ.
  let t = Date.now();
  const serve = await createServeServer({ root, port: 0, log: () => {}, now: () => (t += 1000) });
  const servePort = (serve.address() as { port: number }).port;
  const calls: string[] = [];
  const faults: { op: string; fault: Fault; times: number }[] = [];
  const proxy = http.createServer((req, res) => {
    const op = operationOf(req.method!, req.url!);
    calls.push(op);
    const f = faults.find((x) => x.op === op && x.times > 0);
    if (f) {
      f.times--;
      req.resume();
      res.writeHead(f.fault.status, { 'content-type': 'application/json', 'x-amzn-errortype': f.fault.type });
      res.end(JSON.stringify({ message: f.fault.message }));
      return;
    }
    const upstream = http.request({ host: '127.0.0.1', port: servePort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.destroy(err));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => proxy.close(() => serve.close(() => resolve()))));
  const endpoint = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  const client = (maxAttempts = 5) => {
    const c = new APIGatewayClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts });
    onTestFinished(() => c.destroy());
    return c;
  };
  const admin = client(1);
  const restApiId = (await admin.send(new CreateRestApiCommand({ name: 'colors' }))).id!;
  calls.length = 0;
  return {
    root, endpoint, restApiId, calls, admin, client,
    failNext: (op: string, fault: Fault, times = 1) => void faults.push({ op, fault, times }),
    /** The operations seen since the last call of `take` (and forgets them). */
    take: () => calls.splice(0, calls.length),
    /** The served repository's refs and objects, to prove a dry run wrote nothing. */
    snapshot: () => snapshotDir(path.join(root, restApiId, '.gitway')),
  };
}

/** Every file under `dir` with its bytes (a repository's refs and objects). */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

export const definition = colorsDefinition;

/** A local gitway repository with `deployV(n, stage)` deploying definition(n). */
export async function localRepo() {
  const repo = await tempRepo();
  const deployV = async (version: string, stageName?: string, variables?: Record<string, string>) =>
    deploy({ ...repo, api: await parseDefinition({ text: definition(version), filename: 'api.json' }), description: `v${version}`, ...(stageName ? { stageName } : {}), ...(variables ? { variables } : {}) });
  return { repo, deployV };
}
