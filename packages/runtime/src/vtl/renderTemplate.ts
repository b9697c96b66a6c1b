import { Compile, parse } from 'velocityjs';
import { callVtlMethod } from './callVtlMethod.js';
import { readOnly, withViews } from './readOnly.js';
import { DEFAULT_TEMPLATE_LIMITS, TemplateBudget, TemplateLimitError, withBudget, type TemplateLimits } from './TemplateBudget.js';

export type { TemplateLimits } from './TemplateBudget.js';

const base = Compile.prototype as any;

/* velocityjs mixes its compilers into Compile.prototype, so one subclass can meter them all. */
class BoundedCompile extends Compile {
  constructor(
    asts: ReturnType<typeof parse>,
    private readonly budget: TemplateBudget,
  ) {
    super(asts, { escape: false });
  }
  getArray(literal: any): unknown[] {
    if (literal.isRange) {
      const [from, to] = (literal.value as unknown[]).map((v) => (typeof v === 'string' ? parseInt(v, 10) : typeof v === 'number' ? v : Number(this.getReferences(v as any))));
      if (Number.isFinite(from) && Number.isFinite(to)) this.budget.iterate(Math.abs(to - from) + 1);
    }
    return this.budget.built(base.getArray.call(this, literal));
  }
  /* The list a #foreach walks, evaluated once here and handed to velocityjs's own first getLiteral call. */
  private eachFrom: { value: unknown } | undefined;
  getBlockEach(block: any[]): string {
    const from = this.getLiteral({ ...block[0].from, pos: block[0].pos });
    if (from && typeof from === 'object') this.budget.iterate(Array.isArray(from) ? from.length : Object.keys(from).length);
    this.eachFrom = { value: from };
    return this.budget.measure(base.getBlockEach.call(this, block));
  }
  override getLiteral(literal: any): any {
    if (this.eachFrom) {
      const { value } = this.eachFrom;
      this.eachFrom = undefined;
      return value;
    }
    const value = super.getLiteral(literal);
    if (literal.type === 'map') return this.budget.built(value);
    if (literal.type === 'string' && literal.isEval) return this.budget.string(value);
    return this.budget.measure(value);
  }
  override getExpression(ast: any): any {
    const value = super.getExpression(ast);
    return typeof value === 'string' ? this.budget.string(value) : value;
  }
  /* Output position (isVal): undefined and null render as empty text, as in API Gateway; lists and maps with a bounded formatter. */
  override getReferences(ast: any, isVal?: boolean): any {
    this.budget.tick();
    const value = super.getReferences(ast, isVal);
    return isVal ? this.display(value) : this.budget.measure(value);
  }
  override renderAstList(asts?: any[], contextId?: string): string {
    return this.budget.measure(super.renderAstList(asts, contextId));
  }
  /* Replaces velocityjs's dispatch, which called any JavaScript method and attached an `eval` to the receiver. */
  getPropMethod(property: any, baseRef: unknown): unknown {
    const args = (Array.isArray(property.args) ? property.args : []).map((exp: any) => this.getLiteral(exp));
    return callVtlMethod(this.budget, baseRef, String(property.id), args);
  }
  private display(value: unknown): unknown {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'object') return value;
    let out = '';
    const max = this.budget.limits.maxOutputChars;
    const emit = (s: string) => {
      out += s;
      if (out.length > max) throw new TemplateLimitError(`template output exceeded ${max} characters`);
    };
    const walk = (v: unknown): void => {
      this.budget.tick();
      if (Array.isArray(v)) {
        emit('[');
        v.forEach((x, i) => (i > 0 && emit(', '), walk(x)));
        emit(']');
      } else if (v !== null && typeof v === 'object') {
        emit('{');
        Object.keys(v).forEach((k, i) => (i > 0 && emit(', '), emit(`${k}=`), walk((v as Record<string, unknown>)[k])));
        emit('}');
      } else emit(String(v));
    };
    walk(value);
    return this.budget.string(out);
  }
}

const astCache = new Map<string, ReturnType<typeof parse>>();
/* The variables every API Gateway template sees; a render gets read-only views of them. */
const HOST = ['input', 'util', 'context', 'stageVariables'];

/**
 * Renders an API Gateway mapping template (Velocity) with the given variables
 * (`input`, `util`, `context`, `stageVariables`). Each render sees read-only views of
 * those four (a template's writes to them do nothing, so nothing survives the request),
 * may call only Java's String/List/Map methods and the `$util`/`$input` functions
 * (regexes run on RE2, linear time), and runs under `limits`: loop iterations, string,
 * collection and total allocation sizes, and a time budget. Undefined references render
 * as empty text, as in API Gateway. Throws when the template does not parse or exceeds
 * a limit (the pipeline answers 500 for that request only).
 *
 * @example
 * renderTemplate('{"id": "$input.params(\'id\')"}', { input, util, context, stageVariables });
 */
export function renderTemplate(template: string, variables: Record<string, unknown>, limits: Partial<TemplateLimits> = {}): string {
  // Without a reference or directive a template renders as itself (apart from escapes and comments, which need '\\' or '#').
  if (!/[$#\\]/.test(template)) return template;
  let asts = astCache.get(template);
  if (!asts) {
    asts = parse(template);
    if (astCache.size > 1000) astCache.clear();
    astCache.set(template, asts);
  }
  const budget = new TemplateBudget({ ...DEFAULT_TEMPLATE_LIMITS, ...limits });
  const compiled = new BoundedCompile(asts, budget);
  return withViews(() => {
    const context: Record<string, unknown> = { ...variables };
    for (const name of HOST) if (Object.hasOwn(context, name)) context[name] = readOnly(context[name]);
    return withBudget(budget, () => compiled.render(context, undefined, true));
  });
}
