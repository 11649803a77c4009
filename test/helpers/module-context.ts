// ModuleContext for module tests. Rendering and conditions are injected:
// the default render refuses any text holding `{{` (so a test that renders
// must say how), `handlebarsRender` is the real handlebars engine configured
// as DESIGN.md asks (strict, noEscape) until src/templates/ exposes its own,
// and `standInCondition` is a clearly limited TEST STAND-IN for the template
// engine's condition evaluator. readSource over a directory refuses paths
// that leave it, as the git tree reader must.

import Handlebars from 'handlebars';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidArgumentError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import type { ConditionEvaluator, Module, ModuleContext, ModuleSettings, Plan, Result } from '../../src/modules/module.js';

export interface TestContextOptions {
  check?: boolean;
  diff?: boolean;
  signal?: AbortSignal;
  render?: ModuleContext['render'];
  condition?: ConditionEvaluator;
  readSource?: (path: string) => Promise<Uint8Array>;
  env?: Record<string, string>;
  settings?: ModuleSettings;
}

/** a render that accepts only text without templates: a test that needs rendering passes a real one */
export function refuseTemplates(text: string, name: string): string {
  if (text.includes('{{')) throw new Error(`test context: ${name} holds a template but the test gave no render function`);
  return text;
}

const hb = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * The real handlebars engine (strict, noEscape) over `data`, or over what
 * `data()` returns at each call (a looped step changes `item`); compiled
 * templates are cached by text. Errors name the template.
 */
export function handlebarsRender(data: Record<string, unknown> | (() => Record<string, unknown>)): ModuleContext['render'] {
  return (text, name) => {
    try {
      let fn = compiled.get(text);
      if (fn === undefined) {
        fn = hb.compile(text, { strict: true, noEscape: true });
        compiled.set(text, fn);
      }
      return fn(typeof data === 'function' ? data() : data);
    } catch (err) {
      throw new InvalidArgumentError([{ path: name, message: (err as Error).message }], { cause: err });
    }
  };
}

/**
 * TEST STAND-IN for the template engine's condition evaluator, not the real
 * thing: accepts true / false and exactly `{{eq NAME VALUE}}` or
 * `{{ne NAME VALUE}}` with VALUE a number or a double-quoted string, compared
 * with ===. Anything else throws, so a test can never pass by accident.
 */
export const standInCondition: ConditionEvaluator = (condition, values, field) => {
  if (typeof condition === 'boolean') return condition;
  const m = /^\{\{(eq|ne) (\w+) (-?\d+|"[^"]*")\}\}$/.exec(condition.trim());
  if (!m) throw new Error(`standInCondition cannot evaluate ${field}: ${condition}`);
  const want = m[3].startsWith('"') ? m[3].slice(1, -1) : Number(m[3]);
  const same = values[m[2]] === want;
  return m[1] === 'eq' ? same : !same;
};

/** readSource over the directory `root`: a path that leaves it (.., absolute, symlink out) is refused */
export function treeReader(root: string): (path: string) => Promise<Uint8Array> {
  return async (path) => {
    if (isAbsolute(path) || path.split('/').includes('..')) {
      throw new InvalidArgumentError([{ path: 'src', message: `'${path}' leaves the TaskBook's git tree` }]);
    }
    const realRoot = await realpath(root);
    const full = await realpath(join(root, path));
    const rel = relative(realRoot, full);
    if (rel.startsWith('..') || isAbsolute(rel) || resolve(realRoot, rel) !== full) {
      throw new InvalidArgumentError([{ path: 'src', message: `'${path}' leaves the TaskBook's git tree` }]);
    }
    return readFile(full);
  };
}

export function moduleContext(o: TestContextOptions = {}): ModuleContext {
  return {
    check: o.check ?? false,
    diff: o.diff ?? false,
    signal: o.signal ?? new AbortController().signal,
    log: silentLogger(),
    render: o.render ?? refuseTemplates,
    condition: o.condition ?? standInCondition,
    ...(o.readSource ? { readSource: o.readSource } : {}),
    ...(o.env ? { env: o.env } : {}),
    ...(o.settings ? { settings: o.settings } : {}),
  };
}

/** parse -> check -> apply (or unchanged when check mode or nothing to do), as the executor does */
export async function runStep<P, D>(m: Module<P, D>, raw: unknown, ctx: ModuleContext, at = 'spec.steps[0]'): Promise<{ params: P; plan: Plan<D>; result: Result }> {
  const params = m.parse(raw, `${at}.${m.kind}`);
  const plan = await m.check(params, ctx);
  const result = ctx.check || plan.changes.length === 0 ? m.unchanged(params, plan, ctx) : await m.apply(params, plan, ctx);
  return { params, plan, result };
}
