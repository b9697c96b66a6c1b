import { getStage } from '@gitway/core';
import type { RouteContext } from '../context.js';
import { HttpError, SECURITY_HEADERS } from '../http.js';

/** Open event streams per server; more get 503 (each holds a connection). */
export const MAX_STREAMS = 32;
const HEARTBEAT_MS = 15_000;

/** GET /_gitway/api/stages/{name}/requests -> `{"items": [LoggedRequest, ...]}`, newest first. */
export async function requestsApi({ ctx, params }: RouteContext): Promise<unknown> {
  await getStage({ ...ctx.repo, stageName: params[0] });
  return { items: ctx.requests?.list(params[0]) ?? [] };
}

/**
 * GET /_gitway/api/stages/{name}/requests/events: server-sent events, one `request`
 * event (a LoggedRequest as JSON) per request the stage serves from now on, and a
 * comment every 15 s to keep the connection open.
 */
export async function requestEventsStream({ ctx, params, req, res }: RouteContext): Promise<void> {
  const stageName = params[0];
  await getStage({ ...ctx.repo, stageName });
  const log = ctx.requests;
  if (!log) throw new HttpError(404, 'NotFoundError', 'live requests are available when the dashboard runs inside gitway preview');
  if (log.subscribers() >= MAX_STREAMS) throw new HttpError(503, 'TooManyStreamsError', `at most ${MAX_STREAMS} live request streams at once`);
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': live requests of stage\n\n');
  const stop = log.subscribe(stageName, (r) => res.write(`event: request\ndata: ${JSON.stringify(r)}\n\n`));
  const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  beat.unref();
  await new Promise<void>((resolve) => {
    const done = () => {
      stop();
      clearInterval(beat);
      resolve();
    };
    req.once('close', done);
    res.once('close', done);
  });
}
