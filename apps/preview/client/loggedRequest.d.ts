// One request preview served, as the live requests panel shows it: the one definition the
// server (src/dashboard/requestLog.ts) and the page script (live.ts) share. A declaration
// file so both TypeScript programs (server rootDir src, client rootDir client) may import it.

export interface LoggedRequest {
  /** Sequence number, unique per server (the details page's address). */
  id: number;
  stage: string;
  /** ISO date the request arrived. */
  time: string;
  method: string;
  /** Path after the stage segment, as the client sent it (percent-encoded). */
  path: string;
  query: string;
  status: number;
  /** Milliseconds from receiving the request to the gateway's answer. */
  latency: number;
  /** Served by the canary deployment (canarySettings.percentTraffic). */
  canary: boolean;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBody: string;
  responseBody: string;
  /**
   * The request's own execution log lines ("(requestId) Method completed with status: 200"),
   * the last MAX_LOGGED_LINES of them; empty when the method's loggingLevel is OFF.
   */
  executionLog: string[];
}
