// The handlebars internals the engine depends on, kept in one file: the AST
// checks run before compiling, and the two compiler subclasses that make
// lookups, output and static text go through the engine's runtime.
//
// Why subclasses: handlebars' own `strict` mode throws a TypeError (with no
// line) when a middle part of a path is missing, cannot tell `{{default
// vars.port 8080}}` from a typo, and reads values through its prototype
// access rules. Our JavaScriptCompiler instead emits one call per path,
// `helpers["flotilla runtime"].get(parent, parts, strict, name, line)`, so
// every lookup reads own data properties only and a missing variable fails
// with its full path and line. Which paths are strict is decided here, on the
// AST (analyzeAst): all of them except the direct arguments of `default`,
// `if` and `unless`. Printed values go through `.out(value, line)` (secrets
// revealed, lists and objects refused, output counted) and static text
// through `.text(s)` (counted), so the engine can cap the output size while
// rendering. The runtime object is registered as a helper under a name with
// a space, which no template can write.

import Handlebars from 'handlebars';
import { treePathProblem } from '../resources/index.js';
import { HELPERS, LENIENT_BLOCK_HELPERS } from './helpers.js';
import { TemplateFailure } from './template-failure.js';

type HB = typeof Handlebars;
export type Program = hbs.AST.Program;
type Node = hbs.AST.Node;
type PathExpression = hbs.AST.PathExpression & { strict?: boolean };
type Expression = hbs.AST.Expression;
type Hash = hbs.AST.Hash;

/** The helper key the runtime lives under; it holds a space, so no template can name it. */
export const RUNTIME_KEY = 'flotilla runtime';
/** The internal helper renderList/evaluate wrap a single expression in (also unnameable). */
export const CAPTURE_HELPER = 'flotilla capture';

/** What the compiled code calls while a template renders. */
export interface TemplateRuntime {
  /** walks `parts` from `parent` over own data properties; a missing part throws when `strict` is 1, else yields undefined */
  get(parent: unknown, parts: readonly string[], strict: number, name: string, line: number): unknown;
  /** a printed value: text, or a failure for a list, an object or oversized output */
  out(value: unknown, line: number): string;
  /** static template text, counted against the output limit */
  text(s: string): string;
}

/** A `{{> name}}` in a template. */
export interface PartialRef {
  readonly name: string;
  readonly line: number;
}

export interface AstInfo {
  /** partials the template includes directly, in order of appearance, each name once */
  readonly partials: readonly PartialRef[];
}

function lineOf(node: Node | undefined): number | undefined {
  return node?.loc?.start?.line;
}

/** Why `name` cannot name a partial, or undefined: it must be a clean relative path inside the TaskBook's tree. */
export function partialNameProblem(name: string): string | undefined {
  const tree = treePathProblem(name);
  if (tree !== undefined) return tree;
  if (name.split('/').some((c) => c === '' || c === '.')) return "must not have empty or '.' components";
  if (name.startsWith('@')) return "must not start with '@'";
  return undefined;
}

const LENIENT = new Set<string>([...Object.keys(HELPERS).filter((k) => HELPERS[k].lenient === true), ...LENIENT_BLOCK_HELPERS]);

interface Call {
  path: Expression;
  params: Expression[];
  hash?: Hash;
}

function helperName(path: Expression): string | undefined {
  if (path.type !== 'PathExpression') return undefined;
  const p = path as PathExpression;
  return p.parts.length === 1 && !p.data && p.depth === 0 ? p.parts[0] : undefined;
}

/**
 * Checks a parsed template and marks which paths are strict. Refuses
 * decorators, partial blocks, dynamic partials, partial names that could
 * leave the TaskBook's tree, and nesting deeper than `maxNesting`. Throws
 * TemplateFailure with the line.
 */
export function analyzeAst(ast: Program, opts: { maxNesting: number }): AstInfo {
  const partials = new Map<string, PartialRef>();

  const expr = (e: Expression, strict: boolean, depth: number): void => {
    if (e.type === 'PathExpression') (e as PathExpression).strict = strict;
    else if (e.type === 'SubExpression') call(e as hbs.AST.SubExpression, depth + 1);
  };
  const call = (c: Call & Node, depth: number): void => {
    if (depth > opts.maxNesting) throw new TemplateFailure(`expressions are nested deeper than ${opts.maxNesting} levels`, lineOf(c));
    const name = helperName(c.path);
    const lenient = name !== undefined && LENIENT.has(name) && c.params.length > 0;
    for (const p of c.params) expr(p, !lenient, depth);
    for (const pair of c.hash?.pairs ?? []) expr(pair.value, true, depth);
  };
  const program = (p: Program | undefined, depth: number): void => {
    if (!p) return;
    if (depth > opts.maxNesting) throw new TemplateFailure(`blocks are nested deeper than ${opts.maxNesting} levels`, lineOf(p.body[0]));
    for (const s of p.body) statement(s, depth);
  };
  const statement = (s: hbs.AST.Statement, depth: number): void => {
    switch (s.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        call(s as hbs.AST.MustacheStatement, depth);
        return;
      case 'BlockStatement': {
        const b = s as hbs.AST.BlockStatement;
        call(b, depth);
        program(b.program, depth + 1);
        program(b.inverse, depth + 1);
        return;
      }
      case 'PartialStatement': {
        const ps = s as hbs.AST.PartialStatement;
        if (ps.name.type === 'SubExpression') throw new TemplateFailure('dynamic partial names ({{> (expr)}}) are not supported', lineOf(s));
        const nameNode = ps.name as unknown as { original?: unknown; value?: unknown };
        const name = String(nameNode.original ?? nameNode.value);
        const problem = partialNameProblem(name);
        if (problem !== undefined) throw new TemplateFailure(`partial '${name}' ${problem} (a partial must be a file inside the TaskBook's tree)`, lineOf(s));
        if (!partials.has(name)) partials.set(name, { name, line: lineOf(s) ?? 0 });
        for (const p of ps.params) expr(p, true, depth);
        for (const pair of ps.hash?.pairs ?? []) expr(pair.value, true, depth);
        return;
      }
      case 'PartialBlockStatement':
        throw new TemplateFailure('partial blocks ({{#> name}}...{{/name}}) are not supported', lineOf(s));
      case 'Decorator':
      case 'DecoratorBlock':
        throw new TemplateFailure('decorators and inline partials ({{* ...}}) are not supported', lineOf(s));
      default:
        throw new TemplateFailure(`unsupported template element ${s.type}`, lineOf(s));
    }
  };
  program(ast, 0);
  return { partials: [...partials.values()] };
}

/**
 * A linear scan of the source, before handlebars parses it, that refuses
 * block nesting (an `{{else if}}` chain nests too) or parenthesis nesting
 * deeper than `maxNesting`, and more than `maxExpressions` mustaches.
 * handlebars' parser takes time quadratic (and stack) in the nesting depth,
 * and its code generator tens of microseconds per mustache, so a 1 MiB
 * template of nested blocks would stall the agent for minutes and one of
 * 200,000 mustaches for seconds. Comments and string literals are skipped.
 * It only over-approximates nesting: analyzeAst does the exact check.
 */
export function shapeFailure(source: string, limits: { maxNesting: number; maxExpressions: number }): TemplateFailure | undefined {
  const max = limits.maxNesting;
  let expressions = 0;
  const lineAt = (i: number): number => {
    let n = 1;
    for (let k = source.indexOf('\n'); k !== -1 && k < i; k = source.indexOf('\n', k + 1)) n++;
    return n;
  };
  const levels: number[] = [];
  let depth = 0;
  let i = 0;
  for (;;) {
    const open = source.indexOf('{{', i);
    if (open === -1) return undefined;
    let k = open + 2;
    while (source[k] === '{' || source[k] === '~' || source[k] === '&') k++;
    if (source.startsWith('!', k)) {
      const end = source.startsWith('!--', k) ? source.indexOf('--', k + 3) : source.indexOf('}}', k);
      if (end === -1) return undefined;
      i = end + 2;
      continue;
    }
    if (++expressions > limits.maxExpressions) return new TemplateFailure(`the template has more than ${limits.maxExpressions} {{expressions}}`, lineAt(open));
    const sigil = source[k];
    let parens = 0;
    let j = k;
    for (; j < source.length; j++) {
      const c = source[j];
      if (c === '"' || c === "'") {
        const close = source.indexOf(c, j + 1);
        if (close === -1) return undefined;
        j = close;
      } else if (c === '(') {
        if (++parens > max) return new TemplateFailure(`expressions are nested deeper than ${max} levels`, lineAt(open));
      } else if (c === ')') parens--;
      else if (c === '}' && source[j + 1] === '}') break;
    }
    const body = source.slice(k, j).replace(/~$/, '').trim();
    if (sigil === '#' || (sigil === '^' && body !== '^')) {
      levels.push(1);
      depth++;
    } else if (sigil === '/') {
      depth -= levels.pop() ?? 0;
    } else if (/^else\s+\S/.test(body) || /^\^\s*\S/.test(body)) {
      if (levels.length > 0) levels[levels.length - 1]++;
      depth++;
    }
    if (depth > max) return new TemplateFailure(`blocks are nested deeper than ${max} levels`, lineAt(open));
    i = j + 2;
  }
}

function isBlank(s: hbs.AST.Statement | undefined): boolean {
  return s?.type === 'ContentStatement' && (s as hbs.AST.ContentStatement).value.trim() === '';
}

/**
 * When the template is a single `{{expression}}` (optionally with
 * whitespace around it), a program that hands the expression's value to
 * the capture helper instead of printing it; otherwise undefined.
 */
export function captureAst(ast: Program): Program | undefined {
  const body = ast.body.filter((s) => !isBlank(s));
  if (body.length !== 1 || body[0].type !== 'MustacheStatement' || ast.body.some((s) => s.type === 'CommentStatement')) return undefined;
  const m = body[0] as hbs.AST.MustacheStatement;
  const loc = m.loc;
  let value: Expression;
  if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) {
    value = { type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc } as hbs.AST.SubExpression;
  } else if (m.path.type === 'PathExpression') {
    value = m.path;
  } else {
    // `{{"name"}}` prints the variable "name" (handlebars reads a lone literal as a path); keep that meaning
    const original = String((m.path as unknown as { value: unknown }).value);
    value = { type: 'PathExpression', data: false, depth: 0, parts: [original], original, loc } as PathExpression;
  }
  const capture: PathExpression = { type: 'PathExpression', data: false, depth: 0, parts: [CAPTURE_HELPER], original: CAPTURE_HELPER, loc };
  const mustache = { type: 'MustacheStatement', path: capture, params: [value], hash: undefined, escaped: false, strip: m.strip, loc };
  return { type: 'Program', body: [mustache], blockParams: [], loc: ast.loc };
}

// ---------------------------------------------------------------- compilers

interface Opcode {
  opcode: string;
  args: unknown[];
}

interface OpcodeCompiler {
  opcodes: Opcode[];
  compile(program: Program, options: object): unknown;
  MustacheStatement(node: unknown): void;
  PathExpression(node: unknown): void;
}

interface CodeSource {
  currentLocation?: { start?: { line?: number } };
  push(chunk: unknown): void;
  quotedString(s: string): string;
}

interface JsCompiler {
  source: CodeSource;
  useBlockParams: boolean;
  lastContext: number;
  pendingContent: string | undefined;
  pendingLocation: unknown;
  compile(environment: unknown, options: object, context: undefined, asObject: true): unknown;
  popStack(): unknown;
  push(expr: unknown): unknown;
  append(): void;
  appendToBuffer(source: unknown, location?: unknown, explicit?: boolean): unknown;
}

type Ctor<T> = new () => T;

/** The compile options every template gets; `knownHelpersOnly` makes any other helper a compile error. */
function compileOptions(): object {
  const knownHelpers: Record<string, boolean> = {
    helperMissing: false,
    blockHelperMissing: false,
    lookup: false,
    log: false,
    each: true,
    if: true,
    unless: true,
    with: true,
    [CAPTURE_HELPER]: true,
  };
  for (const name of Object.keys(HELPERS)) knownHelpers[name] = true;
  return { data: true, strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers, compat: false };
}

/**
 * Returns a compile function for `hb`: AST (already checked by analyzeAst)
 * to a template function. It runs handlebars' two compiler passes with our
 * subclasses, and skips hb.compile because that would re-run whitespace
 * control on an AST hb.parse already processed.
 */
export function makeCompiler(hb: HB): (ast: Program) => HandlebarsTemplateDelegate {
  const internals = hb as unknown as { Compiler: Ctor<OpcodeCompiler>; JavaScriptCompiler: Ctor<JsCompiler> };
  const BaseCompiler = internals.Compiler;
  const BaseJs = internals.JavaScriptCompiler;
  const runtime = (): string => `helpers[${JSON.stringify(RUNTIME_KEY)}]`;
  const lineLiteral = (c: JsCompiler): string => String(c.source.currentLocation?.start?.line ?? 0);

  class FlotillaCompiler extends BaseCompiler {
    override MustacheStatement(node: unknown): void {
      super.MustacheStatement(node);
      const last = this.opcodes[this.opcodes.length - 1];
      if (last?.opcode === 'append') last.opcode = 'appendValue';
    }

    override PathExpression(node: unknown): void {
      const from = this.opcodes.length;
      super.PathExpression(node);
      for (let i = from; i < this.opcodes.length; i++) {
        const op = this.opcodes[i];
        if (op.opcode === 'lookupBlockParam') op.args.push((node as PathExpression).strict === true);
      }
    }
  }
  Object.defineProperty(FlotillaCompiler.prototype, 'compiler', { value: FlotillaCompiler });

  class FlotillaJsCompiler extends BaseJs {
    resolvePath(type: string, parts: readonly string[], start: number, _falsy: boolean, strict: boolean): void {
      const stack = this.popStack();
      const rest = parts.slice(start);
      if (rest.length === 0) {
        this.push(stack);
        return;
      }
      const name = type === 'data' ? `@${parts.join('.')}` : `${'../'.repeat(this.lastContext || 0)}${parts.join('.')}`;
      const list = `[${rest.map((p) => this.source.quotedString(p)).join(',')}]`;
      this.push([`${runtime()}.get(`, stack, `,${list},${strict ? 1 : 0},${this.source.quotedString(name)},${lineLiteral(this)})`]);
    }

    lookupBlockParam(blockParamId: readonly number[], parts: readonly string[], strict: boolean): void {
      this.useBlockParams = true;
      this.push(['blockParams[', Number(blockParamId[0]), '][', Number(blockParamId[1]), ']']);
      this.resolvePath('context', parts, 1, false, strict);
    }

    appendValue(): void {
      const value = this.popStack();
      this.push([`${runtime()}.out(`, value, `,${lineLiteral(this)})`]);
      this.append();
    }

    pushSource(source: unknown): void {
      if (this.pendingContent) {
        this.source.push(this.appendToBuffer([`${runtime()}.text(`, this.source.quotedString(this.pendingContent), ')'], this.pendingLocation));
        this.pendingContent = undefined;
      }
      if (source) this.source.push(source);
    }
  }
  Object.defineProperty(FlotillaJsCompiler.prototype, 'compiler', { value: FlotillaJsCompiler });

  // hb.compile / hb.precompile (never called by the engine) would use these too.
  internals.Compiler = FlotillaCompiler;
  internals.JavaScriptCompiler = FlotillaJsCompiler;

  return (ast) => {
    const options = compileOptions();
    const environment = new FlotillaCompiler().compile(ast, options);
    const spec = new FlotillaJsCompiler().compile(environment, options, undefined, true);
    return hb.template(spec as TemplateSpecification);
  };
}
