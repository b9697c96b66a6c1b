// The body of one stage's worker thread: the stage's gateway (and so its throttling buckets,
// response cache and canary draw) lives here, away from the main thread's event loop.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createGateway, createTlsFetch, servedByCanary, type GatewayResponse, type LambdaHandler, type TestInvokeRequest } from '@gitway/runtime';
import { cloneable, decodeRequest, flatten, turnBatcher, type FromWorker, type HandledRecord, type HandleRecord, type SnapshotLoad, type StageWorkerData, type ToWorker } from './protocol.js';
import { applyApiDelta } from './snapshotDelta.js';

const data = workerData as StageWorkerData;
const port = parentPort!;
// What this turn of the event loop produced goes to the main thread as one message, at its end;
// something that cannot be cloned fails that request (or Lambda call) alone.
const post = turnBatcher<FromWorker>(port, (m, error) => {
  const message = error?.message ?? String(error);
  if (Array.isArray(m) || m.type === 'testInvoked') port.postMessage([{ type: 'failed', id: Array.isArray(m) ? m[0] : m.id, message } satisfies FromWorker]);
  else if (m.type === 'lambda') {
    lambdaCalls.get(m.id)?.reject(new Error(message));
    lambdaCalls.delete(m.id);
  }
});
// Lambda handlers stay on the main thread (they are the user's functions): each call is a message.
const lambdaCalls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextLambda = 0;
const handlers: Record<string, LambdaHandler> = {};
for (const name of data.handlerNames) {
  handlers[name] = (event, context) =>
    new Promise((resolve, reject) => {
      const id = nextLambda++;
      lambdaCalls.set(id, { resolve, reject });
      const remaining = context.getRemainingTimeInMillis as (() => number) | undefined;
      post({ type: 'lambda', id, name, event, context: { functionName: context.functionName, awsRequestId: context.awsRequestId, remainingMs: remaining?.() ?? 29_000 } });
    });
}

/** The snapshot this worker serves: requests take the gateway current when they arrive. */
let held: { api?: StageWorkerData['api']; canaryApi?: StageWorkerData['canaryApi'] } = data.spare ? {} : { api: data.api, canaryApi: data.canaryApi };
const compile = (s: Pick<StageWorkerData, 'api' | 'stage' | 'canaryApi' | 'clientCertificate'>) =>
  createGateway({
    api: s.api, stage: s.stage, canaryApi: s.canaryApi, clientCertificate: s.clientCertificate, apiKeys: data.apiKeys, apiId: data.apiId, handlers,
    log: (line) => post({ type: 'log', line }),
    executionLog: data.executionLog ? (line) => post({ type: 'executionLog', line }) : undefined,
  });
// A worker started ahead of its stage (`spare`) gets its first snapshot as a `load`.
let gateway = data.spare ? undefined : compile(data);

/** A new snapshot of the stage: compiled whole before it serves; one that does not compile leaves the old one in service. */
function load(snapshot: SnapshotLoad): void {
  // The main thread sends the next delta against this snapshot, compiled or not. (A delta
  // that does not apply throws out of the worker: it is restarted with the whole snapshot.)
  const api = applyApiDelta(held.api, snapshot.api);
  const canaryApi = snapshot.canaryApi && applyApiDelta(held.canaryApi, snapshot.canaryApi);
  held = { api, canaryApi };
  try {
    gateway = compile({ api, canaryApi, stage: snapshot.stage, clientCertificate: snapshot.clientCertificate });
  } catch (error) {
    if (!gateway) throw error; // nothing to keep serving: the worker fails, as at a start
    post({ type: 'log', line: `stage ${snapshot.stage.stageName}: its new state does not compile (${(error as Error)?.message ?? error}); still serving the previous one` });
  }
}

// The gateway's HTTP client (createTlsFetch's pooled `request`) loads and compiles undici and
// llhttp on first use, ~0.2 s on a loaded machine: do it now, before `ready`, not inside the
// first request's integration timeout. One request through that same client to a local server
// of its own; nothing leaves the process. (A spare does not know its API yet: it warms up.)
const usesHttp = (api: StageWorkerData['api']) => Object.values(api.resources).some((r) => Object.values(r.resourceMethods ?? {}).some((m) => m.methodIntegration?.type.startsWith('HTTP')));
if (data.spare || usesHttp(data.api) || (data.canaryApi && usesHttp(data.canaryApi))) await warmHttpClient();

// While requests are in flight, a heartbeat tells the main thread this event loop still turns
// (the timer stops at its first tick with nothing in flight, not after every request).
let inFlight = 0;
let heartbeat: NodeJS.Timeout | undefined;
const beat = () => {
  if (inFlight > 0) return post({ type: 'alive' });
  clearInterval(heartbeat);
  heartbeat = undefined;
};
const started = () => {
  inFlight++;
  heartbeat ??= setInterval(beat, data.heartbeatMs);
};
const failed = (id: number, error: unknown) => post({ type: 'failed', id, message: (error as Error)?.message ?? String(error) });

// The static-MOCK memo's answers are frozen and the same object on every request: their flat
// form is computed once.
const flatAnswers = new WeakMap<GatewayResponse, HandledRecord>();
const handled = (id: number, response: GatewayResponse): HandledRecord => {
  const canary = servedByCanary(response);
  if (!Object.isFrozen(response)) return [id, response.statusCode, flatten(response.headers), cloneable(response.body), canary];
  let flat = flatAnswers.get(response);
  if (!flat) flatAnswers.set(response, (flat = [0, response.statusCode, flatten(response.headers), cloneable(response.body), false]));
  return [id, flat[1], flat[2], flat[3], canary];
};

async function handle(m: HandleRecord): Promise<void> {
  started();
  try {
    post(handled(m[0], await gateway!.handle(decodeRequest(m))));
  } catch (error) {
    failed(m[0], error);
  } finally {
    inFlight--;
  }
}
async function testInvoke(id: number, request: TestInvokeRequest): Promise<void> {
  started();
  try {
    post({ type: 'testInvoked', id, result: await gateway!.testInvoke(request) });
  } catch (error) {
    failed(id, error);
  } finally {
    inFlight--;
  }
}

const receive = (message: ToWorker) => {
  if (Array.isArray(message)) return void handle(message);
  if (message.type === 'load') return load(message.snapshot);
  if (message.type === 'lambdaResult') {
    const call = lambdaCalls.get(message.id);
    lambdaCalls.delete(message.id);
    if (message.ok) call?.resolve(message.result);
    else call?.reject(new Error(message.message));
    return;
  }
  void testInvoke(message.id, message.request);
};
port.on('message', (batch: ToWorker[]) => {
  for (const m of batch) receive(m);
});
post({ type: 'ready' });

async function warmHttpClient(): Promise<void> {
  const server = createServer((_req, res) => res.writeHead(204, { connection: 'close' }).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await createTlsFetch()
    .request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method: 'GET', headers: {}, signal: AbortSignal.timeout(5_000) })
    .then((res) => res.body.resume())
    .catch(() => undefined);
  await new Promise((resolve) => server.close(resolve));
}
