import type { ExecutionTrace } from './ExecutionTrace.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A time as API Gateway's test log prints it: "Thu Aug 31 01:07:25 UTC 2017". */
function testLogTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * The `log` of a TestInvokeMethod answer: "Execution log for request {id}", then every
 * line of the trace as "{time} : {message}", joined with '\n'.
 *
 * @example
 * formatTestInvokeLog(trace, 'a1b2');
 * // 'Execution log for request a1b2\nThu Jan 01 00:00:00 UTC 1970 : Starting execution for request: a1b2\n...'
 */
export function formatTestInvokeLog(trace: ExecutionTrace, requestId: string): string {
  return [`Execution log for request ${requestId}`, ...trace.entries.map((e) => `${testLogTime(e.at)} : ${e.message}`)].join('\n');
}

/**
 * The lines a stage's execution logging writes for one request, as CloudWatch shows them
 * ("({requestId}) {message}"): loggingLevel INFO writes every line but the data lines
 * (bodies and headers), which need dataTraceEnabled; ERROR writes only the failure lines
 * and, after one, the completion status. OFF (or no level) writes nothing.
 *
 * @example
 * executionLogLines(trace, 'a1b2'); // ['(a1b2) Starting execution for request: a1b2', ...]
 */
export function executionLogLines(trace: ExecutionTrace, requestId: string): string[] {
  const { loggingLevel, dataTraceEnabled } = trace.setting;
  if (loggingLevel !== 'INFO' && loggingLevel !== 'ERROR') return [];
  const out: string[] = [];
  const last = trace.entries.length - 1;
  trace.entries.forEach((e, i) => {
    const wanted =
      loggingLevel === 'INFO' ? e.kind !== 'data' || dataTraceEnabled === true : e.kind === 'error' || (i === last && trace.failed);
    if (wanted) out.push(`(${requestId}) ${e.message}`);
  });
  return out;
}
