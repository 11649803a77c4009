// Runs one phase of a run on this node: each step with its controls (when,
// loop, retries with delay, timeout, ignoreErrors, register, notify), then
// the notified handlers. Module args are rendered as templates first (except
// the fields a module renders or evaluates itself). After every step the
// node's result is written, so a restarted agent resumes after the last
// finished step and never runs a finished step twice. Which step is running
// is written only when it is still running after PROGRESS_DELAY_MS (live
// progress for slow steps), and the last step's write also says the phase is
// done: a phase of three quick steps costs three writes, not eight.
//
// The executor does no planning and no store reads of its own beyond what
// its deps give it: the caller (agent.ts) hands in the plan, the previous
// result, the template context and the writers.

import { posix } from 'node:path';
import { FlotillaError, InvalidArgumentError, isFlotillaError, toError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { mapConcurrent } from '../lib/map-concurrent.js';
import { durationMs } from '../resources/index.js';
import type { Logger } from '../log.js';
import { droppedMarker, type Module, type ModuleContext, type ModuleSettings, type Result } from '../modules/index.js';
import { MAX_RESULT_BYTES, MAX_STEP_LOGS, ZERO_COUNTS, addCounts, type NodeResult, type PlannedStep, type RunPlan, type StepLog, type StepOutcome, type StepSource } from '../runs/index.js';

/** What the executor needs from the template engine (templates/TemplateEngine implements it). */
export interface TemplateRenderer {
  render(source: string, context: object, opts: { name: string; partials?: ReadonlyMap<string, string> }): string;
  truthy(cond: boolean | string, context: object, opts: { name: string }): boolean;
  renderValue(value: unknown, context: object, opts: { name: string; raw?: readonly string[] }): unknown;
  /** a `loop` given as a template: the list it evaluates to */
  renderList(source: string, context: object, opts: { name: string }): unknown[];
  partialNames(source: string, opts?: { name?: string }): string[];
}

export interface ExecutorDeps {
  readonly node: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly templates: TemplateRenderer;
  /** the module that runs a step or handler (exactly one of file / package / command) */
  readonly moduleFor: (step: object) => { module: Module; args: unknown };
  /** reads a file of a pinned git tree (for `src` and partials) */
  readonly readTreeFile?: (source: StepSource, path: string, signal: AbortSignal) => Promise<Uint8Array>;
  /** writes this node's result (called after every step) */
  readonly writeResult: (r: NodeResult) => Promise<void>;
  /** writes the value a runOnce step exports */
  readonly exportVariable: (namespace: string, name: string, value: unknown) => Promise<void>;
  readonly moduleSettings?: ModuleSettings;
  readonly env?: Readonly<Record<string, string>>;
}

export interface PhaseInput {
  readonly plan: RunPlan;
  readonly phase: number;
  /** this node's result so far (resume), if any */
  readonly previous: NodeResult | undefined;
  /** vars, facts, node, cluster: the context every template of this phase sees */
  readonly context: Readonly<Record<string, unknown>>;
  /** aborted when the run is cancelled or the assignment goes away */
  readonly signal: AbortSignal;
  /** aborted when the daemon drains: no further step starts (the result stays 'running', to resume later) */
  readonly drain?: AbortSignal;
}

/** a step still running after this long gets a "step N running" write (see the top) */
export const PROGRESS_DELAY_MS = 250;

const MAX_DIFF = 256 * 1024;
const MAX_OUT = 64 * 1024;

const DROPPED = /^… (\d+) bytes dropped\n/;

/** the last `max` characters of a module's output tail, keeping (and adding to) its "… N bytes dropped" line */
function tail(text: string, max: number): string {
  const m = DROPPED.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  if (body.length <= max) return text;
  const dropped = (m ? Number(m[1]) : 0) + Buffer.byteLength(body.slice(0, body.length - max));
  return `${droppedMarker(dropped)}${body.slice(-max)}`;
}

const resultBytes = (r: NodeResult): number => Buffer.byteLength(JSON.stringify(r));

function trimLog(s: StepLog): StepLog {
  if (s.stdout === undefined && s.stderr === undefined && s.diff === undefined) return s;
  const { stdout: _o, stderr: _e, diff: _d, ...rest } = s;
  return { ...rest, trimmed: true };
}

/** `r` as is when it fits MAX_RESULT_BYTES, else with older (then all) step logs' output dropped; undefined when even that is too big */
function fitResult(r: NodeResult): NodeResult | undefined {
  if (resultBytes(r) <= MAX_RESULT_BYTES) return r;
  const newest = r.steps.length - 1;
  const older = { ...r, steps: r.steps.map((s, i) => (i === newest ? s : trimLog(s))) };
  if (resultBytes(older) <= MAX_RESULT_BYTES) return older;
  const all = { ...r, steps: r.steps.map(trimLog) };
  return resultBytes(all) <= MAX_RESULT_BYTES ? all : undefined;
}

/** Runs `input.phase` to the end; resolves with the final result (state done or failed). */
export async function executePhase(input: PhaseInput, deps: ExecutorDeps): Promise<NodeResult> {
  const { plan, phase: p, signal } = input;
  const now = () => new Date(deps.clock.now()).toISOString();
  const prev = input.previous?.runUid === plan.runUid ? input.previous : undefined;
  const samePhase = prev?.phase === p;
  let result: NodeResult = {
    runUid: plan.runUid,
    node: deps.node,
    phase: p,
    state: 'running',
    completed: samePhase ? prev.completed : [],
    notified: samePhase ? prev.notified : [],
    registered: prev?.registered ?? {},
    counts: prev?.counts ?? ZERO_COUNTS,
    steps: prev?.steps ?? [],
    startedAt: prev?.startedAt ?? now(),
    updatedAt: now(),
  };
  if (samePhase && prev.state !== 'running') return prev;
  const save = async (patch: Partial<NodeResult>) => {
    result = { ...result, ...patch, updatedAt: now() };
    await deps.writeResult(result);
  };
  /** writes `patch` if the step is still running after PROGRESS_DELAY_MS; done() cancels it or waits for the write */
  const progress = (patch: Partial<NodeResult>) => {
    const stop = new AbortController();
    let failure: Error | undefined;
    const written = deps.clock.sleep(PROGRESS_DELAY_MS, stop.signal).then(
      () => save(patch).catch((err: unknown) => void (failure = toError(err))),
      () => undefined,
    );
    return async () => {
      stop.abort();
      await written;
      if (failure !== undefined) throw failure;
    };
  };

  const phase = plan.phases[p];
  const done = new Set(result.completed);
  const todo = phase.steps.filter((ps) => !done.has(ps.index));
  const handlerNames = new Set(plan.handlers.map((h) => h.handler.name));
  if (todo.length === 0) await save({});
  for (const ps of todo) {
    signal.throwIfAborted();
    if (input.drain?.aborted) return result;
    const started = progress({ step: ps.index, stepName: ps.step.name });
    const context = { ...input.context, ...result.registered };
    const log = await runStep(ps, context, plan, deps, signal, p, false).finally(started);
    const registered = ps.step.register ? { ...result.registered, [ps.step.register]: log.registerValue } : result.registered;
    const notified = log.entry.outcome === 'changed' ? [...new Set([...result.notified, ...(ps.step.notify ?? [])])] : result.notified;
    if (phase.once && ps.step.export && log.entry.outcome !== 'failed' && !plan.check) {
      // an export that fails ends the phase with the stored result naming the step: make it this one
      if (result.step !== ps.index) await save({ step: ps.index, stepName: ps.step.name });
      await deps.exportVariable(plan.namespace, ps.step.export.variable, await exportValue(ps, log, context, deps, signal));
    }
    let failedHard = log.entry.outcome === 'failed' && !log.entry.ignored;
    // the phase ends with this step when it is the last and notified no handler
    const last = ps === todo[todo.length - 1] && !notified.some((n) => handlerNames.has(n));
    let next: Partial<NodeResult> = {
      step: ps.index,
      stepName: ps.step.name,
      completed: [...result.completed, ps.index],
      registered,
      notified,
      counts: addCounts(result.counts, countOf(log.entry)),
      steps: [...result.steps, log.entry].slice(-MAX_STEP_LOGS),
      ...(failedHard ? { state: 'failed' as const, message: log.entry.message ?? 'failed' } : last ? { state: 'done' as const } : {}),
    };
    const fitted = fitResult({ ...result, ...next });
    if (fitted) next = { ...next, steps: fitted.steps };
    else {
      // even without old output it does not fit: the step's registered value is too big to keep
      const size = resultBytes({ ...result, ...next });
      const message = `its result is too large to keep (${size} bytes, at most ${MAX_RESULT_BYTES} per node); register less output (lower maxOutputBytes) or drop register`;
      const entry: StepLog = { ...trimLog(log.entry), outcome: 'failed', message };
      failedHard = true;
      next = {
        step: ps.index,
        stepName: ps.step.name,
        completed: [...result.completed, ps.index],
        counts: addCounts(result.counts, countOf(entry)),
        steps: [...result.steps.map(trimLog), entry].slice(-MAX_STEP_LOGS),
        state: 'failed',
        message,
      };
    }
    await save(next);
    if (failedHard || result.state === 'done') return result;
  }

  // handlers: once each, in the order they are defined, if notified in this phase
  for (const h of plan.handlers) {
    if (!result.notified.includes(h.handler.name)) continue;
    signal.throwIfAborted();
    if (input.drain?.aborted) return result;
    const ps: PlannedStep = { index: -1, at: h.at, step: { ...h.handler, name: h.handler.name }, ...(h.source ? { source: h.source } : {}) };
    const started = progress({ stepName: `handler ${h.handler.name}` });
    const log = await runStep(ps, { ...input.context, ...result.registered }, plan, deps, signal, p, true).finally(started);
    const failedHard = log.entry.outcome === 'failed' && !log.entry.ignored;
    await save({
      stepName: `handler ${h.handler.name}`,
      notified: result.notified.filter((n) => n !== h.handler.name),
      counts: addCounts(result.counts, countOf(log.entry)),
      steps: [...result.steps, log.entry].slice(-MAX_STEP_LOGS),
      ...(failedHard ? { state: 'failed' as const, message: log.entry.message ?? 'failed' } : {}),
    });
    if (failedHard) return result;
  }
  await save({ state: 'done' });
  return result;
}

function countOf(e: StepLog) {
  return {
    ...ZERO_COUNTS,
    ok: e.outcome === 'ok' ? 1 : 0,
    changed: e.outcome === 'changed' ? 1 : 0,
    failed: e.outcome === 'failed' ? 1 : 0,
    skipped: e.outcome === 'skipped' ? 1 : 0,
  };
}

interface StepRun {
  entry: StepLog;
  registerValue: unknown;
  /** the last item's result, for export */
  last?: Result;
}

async function runStep(
  ps: PlannedStep,
  context: Record<string, unknown>,
  plan: RunPlan,
  deps: ExecutorDeps,
  runSignal: AbortSignal,
  phase: number,
  handler: boolean,
): Promise<StepRun> {
  const step = ps.step;
  const started = deps.clock.now();
  const base = { index: ps.index, name: step.name, phase, ...(handler ? { handler: true } : {}), startedAt: new Date(started).toISOString() };
  const finish = (outcome: StepOutcome, extra: Partial<StepLog>, registerValue: unknown, last?: Result): StepRun => ({
    entry: { ...base, outcome, ...extra, durationMs: deps.clock.now() - started },
    registerValue,
    ...(last ? { last } : {}),
  });
  try {
    if (step.when !== undefined && !deps.templates.truthy(step.when, context, { name: `${ps.at}.when` })) {
      return finish('skipped', { message: 'when is false' }, { skipped: true, changed: false, failed: false });
    }
    const items: { item?: unknown; index?: number }[] =
      step.loop === undefined
        ? [{}]
        : (Array.isArray(step.loop) ? step.loop : deps.templates.renderList(step.loop, context, { name: `${ps.at}.loop` })).map((item, index) => ({ item, index }));
    const { module, args } = deps.moduleFor(step);
    // every item is rendered and parsed before any runs: a bad item changes nothing
    const treeCache = new Map<string, Uint8Array>();
    const prepared: PreparedItem[] = [];
    for (const it of items) {
      const ctx = step.loop === undefined ? context : { ...context, item: it.item, index: it.index };
      prepared.push(await prepareItem(ps, module, args, ctx, deps, runSignal, treeCache));
    }
    const results: Result[] = [];
    let changed = 0;
    let failed = 0;
    let skipped = 0;
    let diff = '';
    let attemptsUsed = 1;
    const tally = (r: Result, attempts: number) => {
      attemptsUsed = Math.max(attemptsUsed, attempts);
      if (r.failed) failed++;
      else if (r.changed) changed++;
      else if (r.data?.skipped === true) skipped++;
    };
    const limit = itemConcurrency(module, prepared);
    if (limit > 1) {
      // independent items (distinct paths, none inside another) side by side; a failure stops new starts
      let stop = false;
      const outcomes: ({ result: Result; attempts: number } | undefined)[] = new Array(prepared.length);
      await mapConcurrent(prepared, limit, async (item, i) => {
        if (stop) return;
        const out = await runItem(ps, module, item, plan, deps, runSignal);
        outcomes[i] = out;
        if (out.result.failed) stop = true;
      });
      for (const out of outcomes) {
        if (!out) continue;
        results.push(out.result);
        tally(out.result, out.attempts);
      }
    } else {
      for (const item of prepared) {
        const { result: r, attempts } = await runItem(ps, module, item, plan, deps, runSignal);
        results.push(r);
        tally(r, attempts);
        if (r.failed) break;
      }
    }
    for (const r of results) if (r.diff && diff.length < MAX_DIFF) diff += r.diff.endsWith('\n') ? r.diff : `${r.diff}\n`;
    const last = results[results.length - 1];
    const outcome: StepOutcome = failed > 0 ? 'failed' : changed > 0 ? 'changed' : items.length > 0 && skipped === items.length ? 'skipped' : 'ok';
    const registerValue =
      step.loop === undefined
        ? { ...(last?.data ?? {}), changed: last?.changed ?? false, failed: last?.failed ?? false, rc: last?.rc, stdout: last?.stdout, stderr: last?.stderr }
        : { results: results.map((r) => ({ ...(r.data ?? {}), changed: r.changed, failed: r.failed })), changed: changed > 0, failed: failed > 0 };
    const extra: Partial<StepLog> = {
      ...(last?.message ? { message: failed > 0 ? results.find((r) => r.failed)?.message ?? last.message : last.message } : {}),
      ...(last?.rc !== undefined ? { rc: last.rc } : {}),
      ...(last?.stdout ? { stdout: tail(last.stdout, MAX_OUT) } : {}),
      ...(last?.stderr ? { stderr: tail(last.stderr, MAX_OUT) } : {}),
      ...(diff ? { diff: diff.length > MAX_DIFF ? `${diff.slice(0, MAX_DIFF)}\n... diff cut at ${MAX_DIFF} bytes\n` : diff } : {}),
      ...(step.loop !== undefined ? { items: { total: items.length, changed, failed, skipped } } : {}),
      ...(attemptsUsed > 1 ? { attempts: attemptsUsed } : {}),
      ...(failed > 0 && step.ignoreErrors ? { ignored: true } : {}),
    };
    return finish(outcome, extra, registerValue, last);
  } catch (err) {
    if (runSignal.aborted) throw runSignal.reason;
    const e = toError(err);
    return finish('failed', { message: e.message, ...(step.ignoreErrors ? { ignored: true } : {}) }, { failed: true, changed: false, message: e.message });
  }
}

interface PreparedItem {
  readonly context: Record<string, unknown>;
  readonly params: unknown;
  readonly partials: Map<string, string>;
  readonly readSource?: (path: string) => Promise<Uint8Array>;
}

/** renders and parses one item's args and loads the partials its templates use */
async function prepareItem(
  ps: PlannedStep,
  module: Module,
  args: unknown,
  context: Record<string, unknown>,
  deps: ExecutorDeps,
  runSignal: AbortSignal,
  treeCache: Map<string, Uint8Array>,
): Promise<PreparedItem> {
  const at = `${ps.at}.${module.kind}`;
  const rendered = deps.templates.renderValue(args, context, { name: at, raw: module.rawFields });
  const params = module.parse(rendered, at);
  const readSource = ps.source && deps.readTreeFile ? treeReader(ps.source, deps, runSignal, treeCache) : undefined;
  const partials = new Map<string, string>();
  if (readSource) await loadPartials(rendered, module, readSource, deps.templates, partials, at);
  return { context, params, partials, ...(readSource ? { readSource } : {}) };
}

/**
 * How many items of a loop may run at once: the module's limit when every
 * item has its own key and no key lies inside another (a file inside a
 * directory another item manages), else 1.
 */
function itemConcurrency(module: Module, items: readonly PreparedItem[]): number {
  const c = module.concurrency;
  if (!c || items.length < 2) return 1;
  const keys = new Set<string>();
  for (const it of items) {
    const k = c.key(it.params);
    if (keys.has(k)) return 1;
    keys.add(k);
  }
  for (const k of keys) {
    for (let i = k.lastIndexOf('/'); i > 0; i = k.lastIndexOf('/', i - 1)) if (keys.has(k.slice(0, i))) return 1;
  }
  return c.limit;
}

async function runItem(
  ps: PlannedStep,
  module: Module,
  item: PreparedItem,
  plan: RunPlan,
  deps: ExecutorDeps,
  runSignal: AbortSignal,
): Promise<{ result: Result; attempts: number }> {
  const step = ps.step;
  const { context, params, partials, readSource } = item;
  const retries = step.retries ?? 0;
  const delayMs = step.delay ? durationMs(step.delay) : 0;
  const timeoutMs = step.timeout ? durationMs(step.timeout) : 0;
  let last: Result | undefined;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    const attemptSignal = timeoutMs > 0 ? AbortSignal.any([runSignal, AbortSignal.timeout(timeoutMs)]) : runSignal;
    const ctx: ModuleContext = {
      check: plan.check,
      diff: plan.diff,
      signal: attemptSignal,
      log: deps.log,
      render: (text, name) => deps.templates.render(text, context, { name, partials }),
      condition: (cond, values, field) => deps.templates.truthy(cond, { ...context, ...values }, { name: field }),
      ...(readSource ? { readSource } : {}),
      ...(deps.env ? { env: deps.env } : {}),
      ...(deps.moduleSettings ? { settings: deps.moduleSettings } : {}),
    };
    try {
      const planned = await module.check(params, ctx);
      if (planned.changes.length === 0) last = module.unchanged(params, planned, ctx);
      else if (plan.check) {
        const what = planned.changes.map((c) => c.what).join(', ');
        last = { changed: planned.noChange !== true, failed: false, message: planned.noChange ? `would ${what} (not a change)` : `would change: ${what}`, ...(planned.diff ? { diff: planned.diff } : {}) };
      } else last = await module.apply(params, planned, ctx);
    } catch (err) {
      if (runSignal.aborted) throw runSignal.reason;
      const timedOut = attemptSignal.aborted && !runSignal.aborted;
      const e = toError(err);
      last = { changed: false, failed: true, message: timedOut ? `timed out after ${step.timeout}` : e.message, retryable: timedOut || (isFlotillaError(e) && e.retryable) };
    }
    if (!last.failed || attempt > retries) return { result: last, attempts: attempt };
    deps.log.info({ step: step.name, attempt, message: last.message }, 'step failed; retrying');
    if (delayMs > 0) await deps.clock.sleep(delayMs, runSignal);
  }
  return { result: last!, attempts: retries + 1 };
}

function treeReader(source: StepSource, deps: ExecutorDeps, signal: AbortSignal, cache: Map<string, Uint8Array>) {
  return async (path: string): Promise<Uint8Array> => {
    const full = posix.normalize(posix.join(source.dir, path));
    if (path.startsWith('/') || full.startsWith('..') || full.split('/').includes('..')) {
      throw new InvalidArgumentError(`'${path}' leaves the TaskBook's git tree`);
    }
    let bytes = cache.get(full);
    if (!bytes) {
      bytes = await deps.readTreeFile!(source, full, signal);
      cache.set(full, bytes);
    }
    return bytes;
  };
}

const MAX_PARTIALS = 64;

/** partials used by a step's templates, read from its tree before the (synchronous) render */
async function loadPartials(
  rendered: unknown,
  module: Module,
  read: (path: string) => Promise<Uint8Array>,
  templates: TemplateRenderer,
  into: Map<string, string>,
  at: string,
): Promise<void> {
  if (module.kind !== 'file') return;
  const args = rendered as { template?: string; src?: string };
  const pending: { text: string; name: string }[] = [];
  if (typeof args.template === 'string') pending.push({ text: args.template, name: `${at}.template` });
  if (typeof args.src === 'string' && args.src.endsWith('.hbs')) pending.push({ text: new TextDecoder().decode(await read(args.src)), name: args.src });
  while (pending.length > 0) {
    const next = pending.pop()!;
    for (const name of templates.partialNames(next.text, { name: next.name })) {
      if (into.has(name)) continue;
      if (into.size >= MAX_PARTIALS) throw new InvalidArgumentError(`${next.name}: more than ${MAX_PARTIALS} partials`);
      const file = name.endsWith('.hbs') ? name : `${name}.hbs`;
      const text = new TextDecoder().decode(await read(file));
      into.set(name, text);
      pending.push({ text, name: file });
    }
  }
}

async function exportValue(ps: PlannedStep, run: StepRun, context: object, deps: ExecutorDeps, signal: AbortSignal): Promise<unknown> {
  const ex = ps.step.export!;
  const from = ex.from ?? (ps.step.file ? 'file' : 'stdout');
  if (from === 'register') return run.registerValue;
  if (from === 'stdout') return (run.last?.stdout ?? '').replace(/\n$/, '');
  const raw = ex.path ?? ps.step.file?.path ?? ps.step.command?.creates;
  if (!raw) throw new FlotillaError('INVALID_ARGUMENT', `${ps.at}.export: from file needs a path`);
  const path = deps.templates.render(raw, context, { name: `${ps.at}.export.path` });
  const { readFile } = await import('node:fs/promises');
  return (await readFile(path, { encoding: 'utf8', signal })).replace(/\n$/, '');
}
