/** What a trace line is: always logged (INFO), a data-trace line (bodies, headers), or an error. */
export type TraceKind = 'info' | 'data' | 'error';

/** One execution log line and when it was written (epoch ms). */
export interface TraceEntry {
  at: number;
  kind: TraceKind;
  message: string;
}

/** API Gateway cuts each logged value at 1 KB. */
const MAX_VALUE_CHARS = 1024;

/**
 * The execution log of one request, in API Gateway's wording, collected as the request
 * moves through the pipeline. `testInvoke` returns all of it; a stage method setting
 * `loggingLevel` INFO/ERROR (with `dataTraceEnabled` for the data lines) sends the
 * matching lines to `createGateway({ executionLog })`.
 *
 * @example
 * const trace = new ExecutionTrace(() => Date.now());
 * trace.info(`Method request path: ${ExecutionTrace.map({ petId: '7' })}`);
 * trace.entries[0].message; // 'Method request path: {petId=7}'
 */
export class ExecutionTrace {
  readonly entries: TraceEntry[] = [];
  /** Set once the pipeline has written its final "Method completed" line. */
  completed = false;
  /** A failure line was written: "Successfully completed execution" is not. */
  failed = false;

  /**
   * Whether data lines are written at all (loggingLevel INFO with dataTraceEnabled, as
   * TestInvokeMethod's default): callers skip formatting bodies and headers otherwise.
   */
  readonly keepsData: boolean;

  constructor(
    private readonly now: () => number,
    readonly setting: { loggingLevel?: string; dataTraceEnabled?: boolean } = { loggingLevel: 'INFO', dataTraceEnabled: true },
  ) {
    this.keepsData = setting.loggingLevel === 'INFO' && setting.dataTraceEnabled === true;
  }

  info(message: string): void {
    this.entries.push({ at: this.now(), kind: 'info', message });
  }

  /** A line with request or response data (bodies, headers), kept only with dataTraceEnabled (see keepsData). */
  data(message: string): void {
    if (this.keepsData) this.entries.push({ at: this.now(), kind: 'data', message });
  }

  error(message: string): void {
    this.failed = true;
    this.entries.push({ at: this.now(), kind: 'error', message });
  }

  /** A map as API Gateway (Java) prints it: `{a=1, b=2}`; list values as `[1, 2]`. */
  static map(values: Record<string, string | string[] | undefined>): string {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) continue;
      parts.push(`${k}=${Array.isArray(v) ? (v.length === 1 ? v[0] : `[${v.join(', ')}]`) : v}`);
    }
    return ExecutionTrace.cut(`{${parts.join(', ')}}`);
  }

  /** Cuts a value at 1 KB with API Gateway's " [TRUNCATED]" mark. */
  static cut(text: string): string {
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)} [TRUNCATED]` : text;
  }
}
