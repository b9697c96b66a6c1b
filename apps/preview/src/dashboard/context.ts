import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WriteOptions } from '@gitway/core';
import type { Gateway } from '@gitway/runtime';
import type { RequestLog } from './requestLog.js';

/** What every dashboard handler runs with. */
export interface DashboardContext {
  /** The repository, with the author and clock stage changes are recorded with. */
  repo: WriteOptions;
  /** Token embedded in every page and required on every POST. */
  csrfToken: string;
  /** Clock for "3 minutes ago" (milliseconds since the epoch). */
  now: () => number;
  log?: (line: string) => void;
  /** The last requests preview served (the live panel); absent when the dashboard runs alone. */
  requests?: RequestLog;
  /** The compiled gateway of a stage (the Test panel runs requests through it). */
  gatewayFor?: (stageName: string) => Promise<Gateway | null>;
}

/** One request as a route handler sees it. */
export interface RouteContext {
  ctx: DashboardContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded path parameters captured by the route pattern. */
  params: string[];
  /** "http://host:port" as the browser addressed the server (for stage URLs). */
  origin: string;
}
