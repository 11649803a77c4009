// Reading a module's rendered args: every module's parse() goes through an
// ArgReader, which collects one FieldIssue per problem (paths under the
// step's `at`, e.g. `spec.steps[2].file.mode`) and throws them together as one
// InvalidArgumentError. The shapes users write, with templates, are checked by
// resources/kinds/taskbook.ts when a TaskBook is applied; what arrives here is
// the executor's rendered copy, so a scalar that still holds `{{` is refused.

import { InvalidArgumentError, type FieldIssue } from '../errors.js';

/** `'…'` around a value for messages, shortened */
export function quoteValue(v: string): string {
  return `'${v.length > 64 ? `${v.slice(0, 61)}...` : v}'`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${quoteValue(v)}`;
  if (typeof v === 'object') return 'an object';
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? `${typeof v} ${v}` : typeof v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const UNRENDERED = 'is an unrendered template (module args are rendered before the module reads them)';

/**
 * Collects the issues of one args object. Not reusable across objects; call
 * `done()` last, which throws when any issue was found.
 */
export class ArgReader {
  readonly issues: FieldIssue[] = [];
  readonly #raw: Record<string, unknown>;

  /** `known`: every field the module accepts; any other key is an issue. Throws at once when `raw` is no object. */
  constructor(
    raw: unknown,
    readonly at: string,
    known: readonly string[],
  ) {
    if (!isPlainObject(raw)) throw new InvalidArgumentError([{ path: at, message: `must be an object (got ${describe(raw)})` }]);
    this.#raw = raw;
    for (const k of Object.keys(raw)) {
      if (!known.includes(k)) this.issues.push({ path: this.path(k), message: `is not a known field (known: ${known.join(', ')})` });
    }
  }

  path(field: string): string {
    return this.at === '' ? field : `${this.at}.${field}`;
  }

  /** true when the field is given (null counts as not given) */
  has(field: string): boolean {
    const v = this.#raw[field];
    return v !== undefined && v !== null;
  }

  raw(field: string): unknown {
    const v = this.#raw[field];
    return v === null ? undefined : v;
  }

  add(field: string, message: string): void {
    this.issues.push({ path: this.path(field), message });
  }

  string(field: string, opts: { required?: boolean; allowEmpty?: boolean; maxLength?: number; check?: (s: string) => string | undefined } = {}): string | undefined {
    const v = this.raw(field);
    if (v === undefined) {
      if (opts.required) this.add(field, 'is required');
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(field, `must be a string (got ${describe(v)})`);
      return undefined;
    }
    if (!opts.allowEmpty && v.length === 0) {
      this.add(field, 'must not be empty');
      return undefined;
    }
    if (v.length > (opts.maxLength ?? 65_536)) {
      this.add(field, `must be at most ${opts.maxLength ?? 65_536} characters`);
      return undefined;
    }
    const problem = opts.check?.(v);
    if (problem !== undefined) {
      this.add(field, problem);
      return undefined;
    }
    return v;
  }

  /** a string or a number, as a string (user and group ids) */
  id(field: string, what: string): string | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v <= 4_294_967_294) return String(v);
      this.add(field, `must be a ${what} name or numeric id (got ${v})`);
      return undefined;
    }
    if (typeof v === 'string' && v.includes('{{')) {
      this.add(field, `${quoteValue(v)} ${UNRENDERED}`);
      return undefined;
    }
    if (typeof v !== 'string' || !/^[^\s:/]{1,64}$/.test(v)) {
      this.add(field, `must be a ${what} name or numeric id (got ${describe(v)})`);
      return undefined;
    }
    return v;
  }

  /** a boolean; the strings 'true' / 'false' (what a rendered template gives) are accepted too */
  bool(field: string): boolean | undefined {
    const v = this.raw(field);
    if (v === undefined || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.add(field, typeof v === 'string' && v.includes('{{') ? `${quoteValue(v)} ${UNRENDERED}` : `must be true or false (got ${describe(v)})`);
    return undefined;
  }

  /** an integer in [min, max]; a string of decimal digits is accepted too */
  int(field: string, min: number, max: number): number | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.add(field, typeof v === 'string' && v.includes('{{') ? `${quoteValue(v)} ${UNRENDERED}` : `must be an integer from ${min} to ${max} (got ${describe(v)})`);
      return undefined;
    }
    return n;
  }

  oneOf<T extends string>(field: string, values: readonly T[]): T | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    const why = typeof v === 'string' && v.includes('{{') ? `${quoteValue(v)} ${UNRENDERED}` : `must be one of ${values.join(', ')} (got ${describe(v)})`;
    this.add(field, why);
    return undefined;
  }

  /** a boolean, or a template string that is evaluated later (changedWhen / failedWhen) */
  condition(field: string): boolean | string | undefined {
    const v = this.raw(field);
    if (v === undefined || typeof v === 'boolean') return v;
    if (typeof v === 'string' && v.trim().length > 0) return v;
    this.add(field, `must be true, false or a template such as '{{eq rc 2}}' (got ${describe(v)})`);
    return undefined;
  }

  /**
   * A string or a non-empty list of strings. Items that fail are reported and
   * left undefined in the result, so the caller can still check the others.
   */
  stringOrList(field: string, opts: { required?: boolean; maxItems?: number; check?: (s: string) => string | undefined }): { single: boolean; items: (string | undefined)[] } | undefined {
    const v = this.raw(field);
    if (v === undefined) {
      if (opts.required) this.add(field, 'is required');
      return undefined;
    }
    const list: unknown[] | undefined = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
    if (list === undefined) {
      this.add(field, `must be a string or a list of strings (got ${describe(v)})`);
      return undefined;
    }
    if (list.length === 0) {
      this.add(field, 'must not be an empty list');
      return undefined;
    }
    if (list.length > (opts.maxItems ?? 1000)) {
      this.add(field, `must have at most ${opts.maxItems ?? 1000} items`);
      return undefined;
    }
    const single = typeof v === 'string';
    const items = list.map((item, i) => {
      const p = single ? field : `${field}[${i}]`;
      if (typeof item !== 'string' || item.length === 0) {
        this.add(p, `must be a non-empty string (got ${describe(item)})`);
        return undefined;
      }
      const problem = opts.check?.(item);
      if (problem === undefined) return item;
      this.add(p, problem);
      return undefined;
    });
    return { single, items };
  }

  /** throws one InvalidArgumentError listing every issue found */
  done(): void {
    if (this.issues.length > 0) throw new InvalidArgumentError(this.issues);
  }
}
