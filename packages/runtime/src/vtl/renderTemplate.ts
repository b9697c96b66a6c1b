import { Compile, parse } from 'velocityjs';

/** Limits a mapping template runs under; exceeding one fails the request with a 500. */
export interface TemplateLimits {
  /** Total #foreach iterations and range elements per render (API Gateway allows 1000 per loop). */
  maxIterations: number;
  /** Largest string a render may build or output, in characters. */
  maxOutputChars: number;
}

const DEFAULT_LIMITS: TemplateLimits = { maxIterations: 10_000, maxOutputChars: 10 * 1024 * 1024 };

/** Thrown when a template exceeds its limits. */
class TemplateLimitError extends Error {}

const base = Compile.prototype as any;

/* velocityjs mixes its compilers into Compile.prototype, so one subclass can meter them all. */
class BoundedCompile extends Compile {
  steps = 0;
  constructor(asts: ReturnType<typeof parse>, private readonly limits: TemplateLimits) {
    super(asts, { escape: false });
  }
  private spend(n: number): void {
    this.steps += n;
    if (this.steps > this.limits.maxIterations) throw new TemplateLimitError(`template exceeded ${this.limits.maxIterations} iterations`);
  }
  private measure<T>(value: T): T {
    if (typeof value === 'string' && value.length > this.limits.maxOutputChars) throw new TemplateLimitError(`template output exceeded ${this.limits.maxOutputChars} characters`);
    return value;
  }
  getArray(literal: any): unknown[] {
    if (literal.isRange) {
      const [from, to] = (literal.value as unknown[]).map((v) => (typeof v === 'string' ? parseInt(v, 10) : typeof v === 'number' ? v : Number(this.getReferences(v as any))));
      if (Number.isFinite(from) && Number.isFinite(to)) this.spend(Math.abs(to - from) + 1);
    }
    return base.getArray.call(this, literal);
  }
  getBlockEach(block: any[]): string {
    const from = this.getLiteral({ ...block[0].from, pos: block[0].pos });
    if (from && typeof from === 'object') this.spend(Array.isArray(from) ? from.length : Object.keys(from).length);
    return this.measure(base.getBlockEach.call(this, block));
  }
  override getLiteral(literal: any): any {
    return this.measure(super.getLiteral(literal));
  }
  override getReferences(ast: any, isVal?: boolean): any {
    return this.measure(super.getReferences(ast, isVal));
  }
  override renderAstList(asts?: any[], contextId?: string): string {
    return this.measure(super.renderAstList(asts, contextId));
  }
}

const astCache = new Map<string, ReturnType<typeof parse>>();

/**
 * Renders an API Gateway mapping template (Velocity) with the given variables
 * (`input`, `util`, `context`, `stageVariables`), bounded in loop iterations and output
 * size. Throws when the template does not parse or exceeds a limit.
 *
 * @example
 * renderTemplate('{"id": "$input.params(\'id\')"}', { input, util, context, stageVariables });
 */
export function renderTemplate(template: string, variables: Record<string, unknown>, limits: TemplateLimits = DEFAULT_LIMITS): string {
  // Without a reference or directive a template renders as itself (apart from escapes and comments, which need '\\' or '#').
  if (!/[$#\\]/.test(template)) return template;
  let asts = astCache.get(template);
  if (!asts) {
    asts = parse(template);
    if (astCache.size > 1000) astCache.clear();
    astCache.set(template, asts);
  }
  return new BoundedCompile(asts, limits).render(variables);
}
