import { Compile, parse } from 'velocityjs';
import { callVtlMethod } from './callVtlMethod.js';
import { display, flatten, renderFlat, type FlatPart } from './flatTemplate.js';
import { readOnly, withViews } from './readOnly.js';
import { DEFAULT_TEMPLATE_LIMITS, TemplateBudget, withBudget, type TemplateLimits } from './TemplateBudget.js';

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
    return isVal ? display(this.budget, value) : this.budget.measure(value);
  }
  override renderAstList(asts?: any[], contextId?: string): string {
    return this.budget.measure(super.renderAstList(asts, contextId));
  }
  /* Replaces velocityjs's dispatch, which called any JavaScript method and attached an `eval` to the receiver. */
  getPropMethod(property: any, baseRef: unknown): unknown {
    const args = (Array.isArray(property.args) ? property.args : []).map((exp: any) => this.getLiteral(exp));
    return callVtlMethod(this.budget, baseRef, String(property.id), args);
  }
}

/* No limits given: the defaults, without copying them. */
const NO_LIMITS: Partial<TemplateLimits> = Object.freeze({});

/* A template parsed once: its AST, and its flat form when it has one (see flatTemplate.ts). */
const astCache = new Map<string, { asts: ReturnType<typeof parse>; flat: FlatPart[] | null }>();
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
export function renderTemplate(template: string, variables: Record<string, unknown>, limits: Partial<TemplateLimits> = NO_LIMITS): string {
  return render(template, variables, limits, true);
}

/**
 * Whether a template renders as itself: without a reference or directive (escapes and
 * comments need '\\' or '#'). Callers skip building its variables.
 *
 * @example
 * isLiteralTemplate('{"statusCode": 200}'); // true
 */
export function isLiteralTemplate(template: string): boolean {
  return !/[$#\\]/.test(template);
}

/** renderTemplate, with `flat: false` always through velocityjs (tests compare the two renderers). */
export function render(template: string, variables: Record<string, unknown>, limits: Partial<TemplateLimits>, flat: boolean): string {
  if (isLiteralTemplate(template)) return template;
  let parsed = astCache.get(template);
  if (!parsed) {
    const asts = parse(template);
    parsed = { asts, flat: flatten(asts) };
    if (astCache.size > 1000) astCache.clear();
    astCache.set(template, parsed);
  }
  const budget = new TemplateBudget(limits === NO_LIMITS ? DEFAULT_TEMPLATE_LIMITS : { ...DEFAULT_TEMPLATE_LIMITS, ...limits });
  const parts = flat ? parsed.flat : null;
  const asts = parsed.asts;
  return withViews(() => {
    const context: Record<string, unknown> = { ...variables };
    for (const name of HOST) if (Object.hasOwn(context, name)) context[name] = readOnly(context[name]);
    return withBudget(budget, () => (parts ? renderFlat(parts, context, budget) : new BoundedCompile(asts, budget).render(context, undefined, true)));
  });
}
