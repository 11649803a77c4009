// TemplateEngine: the single handlebars instance (one Handlebars.create() per
// engine; the daemon makes one) with our helpers, strict lookups, limits and
// a compile cache. Everything that renders a template goes through it:
// module args (renderValue), `when` / `changedWhen` / `failedWhen` (truthy),
// `loop` (renderList), file templates and partials (render), and variable
// templates (variables.ts). Loading partials from git is the caller's job:
// partialNames() says which ones a template needs, render() gets them.
//
// Rules templates live by:
// - Strict: a variable that is not defined is an error naming the template,
//   the line and the path (`spec.steps[2].file.template: line 3: 'vars.port'
//   is not defined`), wherever it is used — printed, passed to a helper, or
//   iterated. The only exceptions are the direct arguments of `default`,
//   `if` and `unless`: `{{default vars.port 8080}}` and `{{#if vars.tls}}`
//   work for optional variables. So a `when` that names a missing variable
//   fails the step (like any other template); to test an optional one write
//   `{{#if vars.x}}true{{/if}}` or `{{default vars.x false}}`.
// - Lookups read own data properties only: no prototype access
//   (`{{constructor.constructor}}`, `{{__proto__}}` are "not defined"), no
//   `lookup`/`log` helpers, no decorators or inline partials, no helper
//   outside helpers.ts (an unknown helper is a compile error).
// - No HTML escaping; printing a list or an object is an error (use join,
//   toJson or toYaml); a SecretValue prints its plain value.
// - Bounded: source ≤ maxSourceBytes (1 MiB), output ≤ maxOutputBytes
//   (16 MiB, checked while rendering), block/expression nesting ≤ maxNesting,
//   `{{...}}` per source ≤ maxExpressions (parsing and compiling handlebars
//   is quadratic in nesting and slow per expression),
//   partial nesting ≤ maxPartialDepth (a partial that includes itself fails
//   cleanly), loop iterations + partial calls ≤ maxIterations per render.
// - Output is never re-parsed: what a template prints is data.
//
// Compiled templates are cached by sha256(source) in a bounded LRU, so a
// looped step renders its template once compiled. The engine is synchronous
// and not re-entrant across threads; nested renders (a variable template
// resolved while another template reads it) are supported.

import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { FlotillaError, InvalidArgumentError } from '../errors.js';
import { CAPTURE_HELPER, RUNTIME_KEY, analyzeAst, captureAst, makeCompiler, shapeFailure, type PartialRef, type Program, type TemplateRuntime } from './compiler.js';
import { UNRESOLVED_VARS } from './context.js';
import { HELPERS, HELPER_NAMES, describe, plainValue, type HelperEnv, type HelperSpec } from './helpers.js';
import { SecretValue } from './secret-value.js';
import { HelperArgumentError, TemplateFailure } from './template-failure.js';

const MiB = 1024 * 1024;

export interface TemplateEngineOptions {
  /** largest template (or partial) source, bytes; default 1 MiB */
  readonly maxSourceBytes?: number;
  /** largest rendered output, bytes; default 16 MiB */
  readonly maxOutputBytes?: number;
  /** compiled templates kept (LRU); default 512 */
  readonly cacheEntries?: number;
  /** deepest block and sub-expression nesting in one source (an `{{else if}}` chain nests); default 64 */
  readonly maxNesting?: number;
  /** most `{{...}}` in one source (compiling costs tens of µs each); default 20,000 */
  readonly maxExpressions?: number;
  /** deepest chain of partials including partials; default 32 */
  readonly maxPartialDepth?: number;
  /** different partials one render may use; default 256 */
  readonly maxPartials?: number;
  /** loop iterations plus partial calls in one render; default 1,000,000 */
  readonly maxIterations?: number;
  /** most items renderList returns; default 10,000 (as a TaskBook's literal loop) */
  readonly maxListItems?: number;
}

export interface RenderOptions {
  /** what the template is, for errors: a field path such as `spec.steps[2].file.template` */
  readonly name: string;
  /** partial sources by name (as written in `{{> name}}`), for the partials the template uses */
  readonly partials?: ReadonlyMap<string, string>;
  /** filled with the plain value of every secret the render revealed, for redactSecrets() */
  readonly revealed?: Set<string>;
}

export interface RenderValueOptions extends RenderOptions {
  /** top-level keys copied as they are, not rendered (Module.rawFields) */
  readonly raw?: readonly string[];
}

export interface TemplateEngineStats {
  /** templates compiled since the engine was made */
  readonly compiles: number;
  /** renders served by the cache */
  readonly cacheHits: number;
  /** templates in the cache now */
  readonly cached: number;
}

/** What `truthy` reads as false (after trim, case-insensitive); everything else is true. */
export const FALSY_TEXT: ReadonlySet<string> = new Set(['', 'false', '0', 'no', 'null', 'undefined']);

type Mode = 'text' | 'value';

interface Compiled {
  readonly fn: HandlebarsTemplateDelegate;
  readonly partials: readonly PartialRef[];
  /** value mode only: the template is one expression whose value is captured */
  readonly single: boolean;
}

interface RenderState {
  outputChars: number;
  iterations: number;
  partialDepth: number;
  readonly revealed: Set<string> | undefined;
  captured: { value: unknown } | undefined;
}

interface HelperOptionsLike {
  fn?: unknown;
  hash?: Record<string, unknown>;
  loc?: { start?: { line?: number } };
}

type HelperFn = (this: unknown, ...args: unknown[]) => unknown;
type PartialFn = (context: unknown, options: { indent?: string }) => string;

function formatBytes(n: number): string {
  if (n % MiB === 0) return `${n / MiB} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

const TOKENS: Readonly<Record<string, string>> = {
  EOF: 'end of template',
  CLOSE: "'}}'",
  CLOSE_UNESCAPED: "'}}}'",
  CLOSE_RAW_BLOCK: "'}}}}'",
  OPEN: "'{{'",
  OPEN_BLOCK: "'{{#'",
  OPEN_ENDBLOCK: "'{{/'",
  OPEN_PARTIAL: "'{{>'",
  OPEN_SEXPR: "'('",
  CLOSE_SEXPR: "')'",
  INVERSE: "'{{else}}'",
  OPEN_INVERSE_CHAIN: "'{{else'",
  INVALID: 'invalid text',
  ID: 'a name',
  STRING: 'a string',
  NUMBER: 'a number',
  BOOLEAN: 'a boolean',
  EQUALS: "'='",
  SEP: "'.' or '/'",
  DATA: "'@'",
};

/** Turns a handlebars parse or compile message into `{ line, message }` in our style. */
export function cleanHandlebarsMessage(raw: string): { line: number | undefined; message: string } {
  const parse = /^Parse error on line (\d+):\n([^\n]*)\n(-*)\^\n(?:Expecting (.*), got '([^']*)')?/s.exec(raw);
  if (parse) {
    const [, line, context = '', dashes = '', expecting = '', got = ''] = parse;
    const past = context.slice(0, dashes.length).replace(/^\.\.\./, '');
    const token = TOKENS[got] ?? got.toLowerCase().replace(/_/g, ' ');
    const unclosed = got === 'EOF' && expecting.includes('OPEN_ENDBLOCK') ? ' (a block is not closed)' : '';
    return { line: Number(line), message: `syntax error after '${past}': unexpected ${token}${unclosed}` };
  }
  const lexical = /^Lexical error on line (\d+)\. Unrecognized text\.\n([^\n]*)\n(-*)\^/s.exec(raw);
  if (lexical) {
    const [, line, context = '', dashes = ''] = lexical;
    return { line: Number(line), message: `syntax error after '${context.slice(0, dashes.length).replace(/^\.\.\./, '')}': unrecognized text` };
  }
  let message = raw;
  let line: number | undefined;
  const located = /^(.*) - (\d+):(\d+)$/s.exec(raw);
  if (located) {
    message = located[1]!;
    line = Number(located[2]);
  }
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
  const unknown = /^You specified knownHelpersOnly, but used the unknown helper (.+)$/.exec(message);
  const undefinedVar = /^"(.+)" not defined in .*$/.exec(message);
  if (mismatch) message = `{{/${mismatch[2]}}} does not close {{#${mismatch[1]}}}`;
  else if (unknown) message = `unknown helper '${unknown[1]}' (helpers: ${HELPER_NAMES.join(', ')}; blocks: each, if, unless, with)`;
  else if (undefinedVar) message = `'${undefinedVar[1]}' is not defined`;
  else message = message.charAt(0).toLowerCase() + message.slice(1);
  return { line, message: message.replace(/(\w)\.$/, '$1') };
}

function arity(spec: HelperSpec): string {
  if (spec.minArgs === spec.maxArgs) return `${spec.minArgs} argument${spec.minArgs === 1 ? '' : 's'}`;
  if (spec.maxArgs === Infinity) return `at least ${spec.minArgs} arguments`;
  return `${spec.minArgs} to ${spec.maxArgs} arguments`;
}

function lineOfOptions(options: unknown): number | undefined {
  return (options as HelperOptionsLike | undefined)?.loc?.start?.line;
}

function pathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

export class TemplateEngine {
  readonly #hb: typeof Handlebars;
  readonly #compile: (ast: Program) => HandlebarsTemplateDelegate;
  readonly #cache = new Map<string, Compiled>();
  readonly #limits: Required<TemplateEngineOptions>;
  readonly #helperEnv: HelperEnv;
  #state: RenderState | undefined;
  #compiles = 0;
  #cacheHits = 0;

  constructor(opts: TemplateEngineOptions = {}) {
    this.#limits = {
      maxSourceBytes: opts.maxSourceBytes ?? MiB,
      maxOutputBytes: opts.maxOutputBytes ?? 16 * MiB,
      cacheEntries: opts.cacheEntries ?? 512,
      maxNesting: opts.maxNesting ?? 64,
      maxExpressions: opts.maxExpressions ?? 20_000,
      maxPartialDepth: opts.maxPartialDepth ?? 32,
      maxPartials: opts.maxPartials ?? 256,
      maxIterations: opts.maxIterations ?? 1_000_000,
      maxListItems: opts.maxListItems ?? 10_000,
    };
    const limits = this.#limits;
    this.#helperEnv = {
      reveal: (s) => this.#reveal(s),
      get maxOutputChars() {
        return limits.maxOutputBytes;
      },
    };
    this.#hb = Handlebars.create();
    this.#compile = makeCompiler(this.#hb);
    this.#setUpInstance();
  }

  /** Compile and cache counters, for tests and metrics. */
  get stats(): TemplateEngineStats {
    return { compiles: this.#compiles, cacheHits: this.#cacheHits, cached: this.#cache.size };
  }

  /**
   * Renders `source` with `context` (usually from templateContext()) and
   * returns the text. Throws InvalidArgumentError with one issue at
   * `opts.name` for a syntax error, an undefined variable, a helper misuse, a
   * missing or escaping partial, or a limit (the message has the line, and
   * the partial when it happened in one). Other FlotillaErrors raised while
   * reading the context (e.g. a variable cycle) pass through unchanged.
   */
  render(source: string, context: object, opts: RenderOptions): string {
    return this.#run(source, context, opts, 'text').text;
  }

  /**
   * Like render, but a template that is a single `{{expression}}` (whitespace
   * around it allowed) yields the expression's value itself: a list, an
   * object, a number, a boolean, null, or a SecretValue. Any other template
   * yields its rendered text.
   */
  evaluate(source: string, context: object, opts: RenderOptions): unknown {
    const r = this.#run(source, context, opts, 'value');
    return r.single ? r.value : r.text;
  }

  /**
   * The list a `loop` template yields: a single expression that evaluates to a
   * list gives that list (items as they are); null or empty text gives [];
   * other text must be a JSON list. Anything else, or more than maxListItems
   * items, is an InvalidArgumentError at `opts.name`.
   */
  renderList(source: string, context: object, opts: RenderOptions): unknown[] {
    const v = this.evaluate(source, context, opts);
    let list: unknown[];
    if (Array.isArray(v)) list = [...(v as unknown[])];
    else if (v === null || v === undefined) list = [];
    else if (typeof v === 'string') {
      const t = v.trim();
      if (t === '') list = [];
      else {
        let parsed: unknown;
        try {
          parsed = JSON.parse(t);
        } catch {
          parsed = undefined;
        }
        if (!Array.isArray(parsed)) throw new InvalidArgumentError([{ path: opts.name, message: `must render a list (got ${describe(v)}); write '{{vars.list}}' or print JSON with toJson` }]);
        list = parsed;
      }
    } else throw new InvalidArgumentError([{ path: opts.name, message: `must render a list (got ${describe(v)})` }]);
    if (list.length > this.#limits.maxListItems) throw new InvalidArgumentError([{ path: opts.name, message: `renders ${list.length} items; at most ${this.#limits.maxListItems} are allowed` }]);
    return list;
  }

  /**
   * Evaluates a `when` / `changedWhen` / `failedWhen`: a boolean is itself;
   * a string is rendered, trimmed and lower-cased, and '', 'false', '0',
   * 'no', 'null' and 'undefined' are false, anything else true. A missing
   * variable is an error (see the file comment for optional ones).
   */
  truthy(cond: boolean | string, context: object, opts: RenderOptions): boolean {
    if (typeof cond === 'boolean') return cond;
    if (typeof cond !== 'string') throw new InvalidArgumentError([{ path: opts.name, message: `must be true, false or a template (got ${describe(cond)})` }]);
    return !FALSY_TEXT.has(this.render(cond, context, opts).trim().toLowerCase());
  }

  /**
   * Renders every string inside a JSON value (module args) and returns a new
   * value; object keys are not rendered, and the top-level keys in `raw` are
   * copied as they are. A string holding no `{{` is kept; a string that is a
   * single `{{expression}}` keeps the expression's type (`"{{vars.port}}"`
   * gives 8080, `"{{vars.packages}}"` a list; secrets become their plain
   * text, undefined ''), any other template gives text. Errors name the
   * field: `${opts.name}.path`, `${opts.name}.argv[2]`.
   */
  renderValue(value: unknown, context: object, opts: RenderValueOptions): unknown {
    const raw = new Set(opts.raw ?? []);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof SecretValue)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, {
          value: raw.has(k) ? v : this.#renderNode(v, context, opts, pathJoin(opts.name, k), 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return this.#renderNode(value, context, opts, opts.name, 0);
  }

  /**
   * The partials `source` includes directly, each once, in order. Throws
   * InvalidArgumentError for a syntax error, a dynamic partial, or a name
   * that is not a clean relative path inside the tree (absolute, `..`,
   * NUL, backslash). Names are as written; loading them (and their own
   * partials) from the TaskBook's tree is the caller's job.
   */
  partialNames(source: string, opts: { name?: string } = {}): string[] {
    if (!source.includes('{{')) return [];
    try {
      return this.#compiled(source, 'text').partials.map((p) => p.name);
    } catch (err) {
      throw this.#toError(err, opts.name ?? '', undefined);
    }
  }

  // ------------------------------------------------------------ internals

  #renderNode(v: unknown, context: object, opts: RenderOptions, path: string, depth: number): unknown {
    if (depth > 64) throw new InvalidArgumentError([{ path, message: 'is nested deeper than 64 levels' }]);
    if (typeof v === 'string') {
      if (!v.includes('{{')) return v;
      const r = this.evaluate(v, context, { ...opts, name: path });
      if (typeof r === 'string') return r;
      if (r === undefined) return '';
      try {
        return plainValue(r, { reveal: (s) => this.#revealInto(s, opts.revealed) });
      } catch (err) {
        throw new InvalidArgumentError([{ path, message: (err as Error).message }], { cause: err });
      }
    }
    if (Array.isArray(v)) return v.map((x, i) => this.#renderNode(x, context, opts, pathJoin(path, i), depth + 1));
    if (typeof v === 'object' && v !== null && !(v instanceof SecretValue)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        Object.defineProperty(out, k, { value: this.#renderNode(x, context, opts, pathJoin(path, k), depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  }

  #run(source: string, context: object, opts: RenderOptions, mode: Mode): { text: string; value?: unknown; single: boolean } {
    if (typeof source !== 'string') throw new InvalidArgumentError([{ path: opts.name, message: `must be a template string (got ${describe(source)})` }]);
    const limits = this.#limits;
    if (!source.includes('{{')) {
      const tooBig = this.#sizeFailure(source) ?? (Buffer.byteLength(source) > limits.maxOutputBytes ? new TemplateFailure(`the output is larger than ${formatBytes(limits.maxOutputBytes)}`, undefined) : undefined);
      if (tooBig) throw this.#toError(tooBig, opts.name, context);
      return { text: source, single: false };
    }
    const state: RenderState = { outputChars: 0, iterations: 0, partialDepth: 0, revealed: opts.revealed, captured: undefined };
    const previous = this.#state;
    try {
      const compiled = this.#compiled(source, mode);
      this.#state = state;
      const partials = compiled.partials.length > 0 ? this.#partialTable(compiled.partials, opts.partials) : undefined;
      const runtimeOptions: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
      if (partials) runtimeOptions.partials = partials as unknown as Record<string, HandlebarsTemplateDelegate>;
      const text = compiled.fn(context, runtimeOptions);
      if (text.length * 3 > limits.maxOutputBytes && Buffer.byteLength(text) > limits.maxOutputBytes) {
        throw new TemplateFailure(`the output is larger than ${formatBytes(limits.maxOutputBytes)}`, undefined);
      }
      return { text, value: state.captured?.value, single: compiled.single };
    } catch (err) {
      throw this.#toError(err, opts.name, context);
    } finally {
      this.#state = previous;
    }
  }

  /** The compiled template for `source`, from the cache or compiled now; throws TemplateFailure or handlebars errors. */
  #compiled(source: string, mode: Mode): Compiled {
    const limits = this.#limits;
    const tooBig = this.#sizeFailure(source);
    if (tooBig) throw tooBig;
    const key = `${mode}:${createHash('sha256').update(source).digest('base64')}`;
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      this.#cacheHits++;
      return hit;
    }
    const badShape = shapeFailure(source, limits);
    if (badShape) throw badShape;
    let ast: Program;
    try {
      ast = this.#hb.parse(source);
    } catch (err) {
      if (err instanceof RangeError) throw new TemplateFailure('the template is nested too deeply', undefined, undefined, { cause: err });
      throw err;
    }
    const capture = mode === 'value' ? captureAst(ast) : undefined;
    const program = capture ?? ast;
    const info = analyzeAst(program, { maxNesting: limits.maxNesting });
    let fn: HandlebarsTemplateDelegate;
    try {
      fn = this.#compile(program);
    } catch (err) {
      if (err instanceof RangeError) throw new TemplateFailure('the template is nested too deeply', undefined, undefined, { cause: err });
      throw err;
    }
    this.#compiles++;
    const entry: Compiled = { fn, partials: info.partials, single: capture !== undefined };
    this.#cache.set(key, entry);
    if (this.#cache.size > limits.cacheEntries) this.#cache.delete(this.#cache.keys().next().value!);
    return entry;
  }

  #sizeFailure(source: string): TemplateFailure | undefined {
    const max = this.#limits.maxSourceBytes;
    if (source.length > max || (source.length * 3 > max && Buffer.byteLength(source) > max)) {
      return new TemplateFailure(`the template is larger than ${formatBytes(max)}`, undefined);
    }
    return undefined;
  }

  /** Compiles every partial reachable from `refs` and wraps each with the depth, budget and error bookkeeping. */
  #partialTable(refs: readonly PartialRef[], sources: ReadonlyMap<string, string> | undefined): Record<string, PartialFn> {
    const table: Record<string, PartialFn> = Object.create(null) as Record<string, PartialFn>;
    const pending: { ref: PartialRef; from: string | undefined }[] = refs.map((ref) => ({ ref, from: undefined }));
    let count = 0;
    while (pending.length > 0) {
      const { ref, from } = pending.shift()!;
      if (ref.name in table) continue;
      const failure = (message: string, line: number | undefined, cause?: unknown): TemplateFailure => {
        const f = new TemplateFailure(message, line, undefined, cause === undefined ? {} : { cause });
        f.partial = from;
        return f;
      };
      if (++count > this.#limits.maxPartials) throw failure(`the template uses more than ${this.#limits.maxPartials} partials`, ref.line);
      const src = sources?.get(ref.name);
      if (src === undefined) throw failure(`partial '${ref.name}' was not loaded (partials are files of the TaskBook's tree)`, ref.line);
      let compiled: Compiled;
      try {
        compiled = this.#compiled(src, 'text');
      } catch (err) {
        throw this.#inPartial(err, ref.name);
      }
      table[ref.name] = this.#partialWrapper(ref.name, compiled.fn);
      for (const next of compiled.partials) pending.push({ ref: next, from: ref.name });
    }
    return table;
  }

  #partialWrapper(name: string, fn: HandlebarsTemplateDelegate): PartialFn {
    return (context, options) => {
      const state = this.#state!;
      this.#tick(undefined);
      if (state.partialDepth >= this.#limits.maxPartialDepth) {
        const f = new TemplateFailure(`partials nest deeper than ${this.#limits.maxPartialDepth} levels (does a partial include itself?)`, undefined);
        f.partial = name;
        throw f;
      }
      state.partialDepth++;
      try {
        const out = fn(context, options as Handlebars.RuntimeOptions);
        if (options.indent) this.#count(out.split('\n').length * options.indent.length, undefined);
        return out;
      } catch (err) {
        throw this.#inPartial(err, name);
      } finally {
        state.partialDepth--;
      }
    };
  }

  /** Attributes an error raised while rendering or compiling partial `name` to it (the innermost partial wins). */
  #inPartial(err: unknown, name: string): unknown {
    if (err instanceof TemplateFailure) {
      if (err.partial === undefined) err.partial = name;
      return err;
    }
    if (err instanceof FlotillaError) return err;
    let f: TemplateFailure;
    if (err instanceof RangeError) f = new TemplateFailure('templates nest too deeply (does a partial include itself?)', undefined, undefined, { cause: err });
    else if (err instanceof Error) {
      const clean = cleanHandlebarsMessage(err.message);
      f = new TemplateFailure(clean.message, clean.line, undefined, { cause: err });
    } else return err;
    f.partial = name;
    return f;
  }

  #toError(err: unknown, name: string, context: object | undefined): Error {
    if (err instanceof FlotillaError) return err;
    let line: number | undefined;
    let message: string;
    let partial: string | undefined;
    if (err instanceof TemplateFailure) {
      ({ line, message, partial } = err);
      const key = /^vars\.([^.]+)/.exec(err.missing ?? '')?.[1];
      const reasons = (context as { [UNRESOLVED_VARS]?: Record<string, string> } | undefined)?.[UNRESOLVED_VARS];
      if (key !== undefined && partial === undefined && reasons && Object.hasOwn(reasons, key)) message += ` (${reasons[key]})`;
    } else if (err instanceof RangeError) {
      message = 'the template nests too deeply';
    } else if (err instanceof Error) {
      ({ line, message } = cleanHandlebarsMessage(err.message));
    } else {
      message = `template failed: ${String(err)}`;
    }
    const where = `${partial !== undefined ? `partial '${partial}': ` : ''}${line !== undefined && line > 0 ? `line ${line}: ` : ''}`;
    return new InvalidArgumentError([{ path: name, message: where + message }], { cause: err });
  }

  #count(chars: number, line: number | undefined): void {
    const state = this.#state!;
    state.outputChars += chars;
    if (state.outputChars > this.#limits.maxOutputBytes) throw new TemplateFailure(`the output is larger than ${formatBytes(this.#limits.maxOutputBytes)}`, line);
  }

  #tick(line: number | undefined): void {
    const state = this.#state!;
    if (++state.iterations > this.#limits.maxIterations) {
      throw new TemplateFailure(`the template runs more than ${this.#limits.maxIterations} loop iterations and partial calls`, line);
    }
  }

  #reveal(s: SecretValue): string {
    return this.#revealInto(s, this.#state?.revealed);
  }

  #revealInto(s: SecretValue, into: Set<string> | undefined): string {
    const plain = s.reveal();
    into?.add(plain);
    return plain;
  }

  #setUpInstance(): void {
    const hb = this.#hb;
    hb.unregisterHelper('lookup');
    hb.unregisterHelper('log');
    hb.unregisterDecorator('inline');

    const runtime: TemplateRuntime = {
      get: (parent, parts, strict, name, line) => {
        let cur: unknown = parent;
        for (const part of parts) {
          const holder = cur;
          const defined =
            (typeof holder === 'object' && holder !== null && !(holder instanceof SecretValue)) || typeof holder === 'string'
              ? Object.hasOwn(holder as object, part)
              : false;
          cur = defined ? (holder as Record<string, unknown>)[part] : undefined;
          if (cur === undefined || typeof cur === 'function') {
            if (strict) throw new TemplateFailure(`'${name}' is not defined`, line, name);
            return undefined;
          }
        }
        return cur;
      },
      out: (value, line) => {
        let s: string;
        if (typeof value === 'string') s = value;
        else if (value === null || value === undefined) s = '';
        else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') s = String(value);
        else if (value instanceof SecretValue) s = this.#reveal(value);
        else if (Array.isArray(value)) throw new TemplateFailure('cannot print a list; use join, toJson or toYaml (or #each)', line);
        else throw new TemplateFailure('cannot print an object; use toJson or toYaml (or #each / #with)', line);
        this.#count(s.length, line);
        return s;
      },
      text: (s) => {
        this.#count(s.length, undefined);
        return s;
      },
    };
    (hb.helpers as Record<string, unknown>)[RUNTIME_KEY] = runtime;

    hb.registerHelper(CAPTURE_HELPER, (value: unknown) => {
      this.#state!.captured = { value };
      return '';
    });

    for (const [name, spec] of Object.entries(HELPERS)) {
      hb.registerHelper(name, (...args: unknown[]) => this.#callHelper(name, spec, args));
    }

    const builtins: Record<string, HelperFn> = {};
    for (const name of ['each', 'if', 'unless', 'with']) builtins[name] = hb.helpers[name] as HelperFn;
    const tick = (line: number | undefined): void => this.#tick(line);
    for (const [name, builtin] of Object.entries(builtins)) {
      hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
        const options = args[args.length - 1] as HelperOptionsLike & { fn: (c: unknown, o?: unknown) => string };
        const line = lineOfOptions(options);
        if (typeof options?.fn !== 'function') throw new TemplateFailure(`${name} is a block helper: write {{#${name} ...}}...{{/${name}}}`, line);
        if (args.length !== 2) throw new TemplateFailure(`#${name} takes exactly one argument (got ${args.length - 1})`, line);
        if (name !== 'each') return builtin.apply(this, args);
        const value = args[0];
        if (value !== null && value !== undefined && (typeof value !== 'object' || value instanceof SecretValue)) {
          throw new TemplateFailure(`#each needs a list or an object (got ${describe(value)})`, line);
        }
        const fn = options.fn;
        const counted = (c: unknown, o?: unknown): string => {
          tick(line);
          return fn(c, o);
        };
        return builtin.call(this, value, { ...options, fn: counted });
      });
    }
  }

  #callHelper(name: string, spec: HelperSpec, args: unknown[]): unknown {
    const options = args.pop() as HelperOptionsLike | undefined;
    const line = lineOfOptions(options);
    if (typeof options?.fn === 'function') throw new TemplateFailure(`${name} is not a block helper; write {{${name} ...}}`, line);
    const named = Object.keys(options?.hash ?? {});
    if (named.length > 0) throw new TemplateFailure(`${name} takes no named arguments (got ${named.join(', ')}); usage: ${spec.usage}`, line);
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      throw new TemplateFailure(`${name} takes ${arity(spec)} (got ${args.length}); usage: ${spec.usage}`, line);
    }
    let result: unknown;
    try {
      result = spec.fn(args, this.#helperEnv);
    } catch (err) {
      if (err instanceof HelperArgumentError) throw new TemplateFailure(`${name}: ${err.message}`, line, undefined, { cause: err });
      throw err;
    }
    if (typeof result === 'string' && result.length > this.#limits.maxOutputBytes) {
      throw new TemplateFailure(`${name}: the result is larger than the output limit (${formatBytes(this.#limits.maxOutputBytes)})`, line);
    }
    return result;
  }
}
