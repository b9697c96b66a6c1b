/** Limits a mapping template runs under; exceeding one fails the request with a 500. */
export interface TemplateLimits {
  /** Total #foreach iterations and range elements per render (API Gateway allows 1000 per loop). */
  maxIterations: number;
  /** Largest string a render may build or output, in characters. */
  maxOutputChars: number;
  /** Largest list or map a render may build (elements or entries). */
  maxCollectionSize: number;
  /** Characters plus collection elements a render may allocate in total (strings it builds, lists, maps, JSONPath results). */
  maxAllocated: number;
  /** Wall-clock budget of one render, in milliseconds of `now`. */
  timeBudgetMs: number;
  /** Longest string a regular expression may run over (RE2 is linear, but linear in 10 MB is still seconds). */
  maxRegexInput: number;
  /** Clock the time budget is measured with (milliseconds); default performance.now. */
  now?: () => number;
}

/**
 * Defaults: a template runs at most 250 ms, builds strings and output of at most 10 MB (API
 * Gateway's payload limit), collections of 100,000 elements, 64 M characters/elements in
 * total, and runs regular expressions over at most 1 M characters.
 */
export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  maxIterations: 10_000,
  maxOutputChars: 10 * 1024 * 1024,
  maxCollectionSize: 100_000,
  maxAllocated: 64 * 1024 * 1024,
  timeBudgetMs: 250,
  maxRegexInput: 1024 * 1024,
};

/** Thrown when a template exceeds one of its limits. */
export class TemplateLimitError extends Error {
  override name = 'TemplateLimitError';
}

/* Reading the clock on every step would cost more than the steps; every 64th is enough to stop within microseconds. */
const CLOCK_EVERY = 64;

/**
 * The running account of one render: iterations, allocation and time. Every metered
 * step calls one of these; the first limit crossed throws TemplateLimitError.
 *
 * @example
 * const budget = new TemplateBudget(DEFAULT_TEMPLATE_LIMITS);
 * budget.string('abc'); // 'abc' (3 characters charged)
 */
export class TemplateBudget {
  private iterations = 0;
  private allocated = 0;
  private ticks = 0;
  private readonly now: () => number;
  private readonly deadline: number;

  constructor(readonly limits: TemplateLimits) {
    this.now = limits.now ?? (() => performance.now());
    this.deadline = this.now() + limits.timeBudgetMs;
  }

  /** Counts loop iterations (and range elements). */
  iterate(n: number): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) throw new TemplateLimitError(`template exceeded ${this.limits.maxIterations} iterations`);
    this.tick();
  }

  /** Fails once the render has run past its time budget (checked every few calls). */
  tick(): void {
    if (++this.ticks % CLOCK_EVERY === 0) this.checkTime();
  }

  checkTime(): void {
    if (this.now() > this.deadline) throw new TemplateLimitError(`template exceeded its time budget of ${this.limits.timeBudgetMs} ms`);
  }

  /** Charges `n` units (characters or elements) to the render's total allocation. */
  allocate(n: number): void {
    this.allocated += n;
    if (this.allocated > this.limits.maxAllocated) throw new TemplateLimitError(`template allocated more than ${this.limits.maxAllocated} characters and elements`);
    this.tick();
  }

  /** Checks a string against the size limit (without charging it). */
  measure<T>(value: T): T {
    if (typeof value === 'string' && value.length > this.limits.maxOutputChars) throw new TemplateLimitError(`template output exceeded ${this.limits.maxOutputChars} characters`);
    return value;
  }

  /** Refuses, before building it, a string that could reach `length` characters. */
  reserve(length: number): void {
    if (length > this.limits.maxOutputChars) throw new TemplateLimitError(`template output exceeded ${this.limits.maxOutputChars} characters`);
  }

  /** A string the template built: checked and charged. */
  string(value: string): string {
    this.measure(value);
    this.allocate(value.length);
    return value;
  }

  /** Checks that a collection may grow to `size` elements. */
  collection(size: number): void {
    if (size > this.limits.maxCollectionSize) throw new TemplateLimitError(`template built a list or map of more than ${this.limits.maxCollectionSize} elements`);
  }

  /** A list or map the template built: checked and charged. */
  built<T>(value: T): T {
    if (Array.isArray(value)) {
      this.collection(value.length);
      this.allocate(value.length);
    } else if (value !== null && typeof value === 'object') {
      const n = Object.keys(value).length;
      this.collection(n);
      this.allocate(n);
    } else if (typeof value === 'string') this.string(value);
    return value;
  }

  /** Refuses a regular expression over a subject longer than the limit. */
  regexSubject(subject: string): string {
    if (subject.length > this.limits.maxRegexInput) throw new TemplateLimitError(`regular expression over ${subject.length} characters refused (limit ${this.limits.maxRegexInput})`);
    this.checkTime();
    return subject;
  }
}

let current: TemplateBudget | undefined;

/** The budget of the render in progress (renders are synchronous, so there is at most one). */
export function activeBudget(): TemplateBudget | undefined {
  return current;
}

/** Runs `fn` with `budget` as the active one. */
export function withBudget<T>(budget: TemplateBudget, fn: () => T): T {
  const previous = current;
  current = budget;
  try {
    return fn();
  } finally {
    current = previous;
  }
}
