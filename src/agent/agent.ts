// This node's worker: it follows its own assignment prefix and runs the phase
// each assignment names, one run after another per run, several runs side by
// side. A result is written after every step (executor.ts); a result write is
// guarded by the plan's revision, so nothing is written for a run that was
// deleted or replaced. When an assignment disappears (cancel, abort, run
// deleted) the work in hand is aborted. On drain (SIGTERM) the agent stops
// between steps: the step in hand finishes, the next does not start, and a
// restarted agent resumes from the result.

import { setMaxListeners } from 'node:events';
import { FlotillaError, IllegalStateError, ShutdownError, toError } from '../errors.js';
import { Backoff } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import type { ModuleSettings, ProcessJournal } from '../modules/index.js';
import { ZERO_COUNTS, finishedPhase, type Assignment, type NodeResult, type RunPlan, type StepSource } from '../runs/index.js';
import type { ObjectServer } from '../server/index.js';
import { assignmentPrefix, followPrefix, parseAssignmentKey, runPlanKey, runResultKey, type KeyValue, type Store } from '../store/index.js';
import type { ContextSource } from './context.js';
import { executePhase, type ExecutorDeps, type TemplateRenderer } from './executor.js';

export interface AgentDeps {
  readonly store: Store;
  readonly objects: ObjectServer;
  readonly clock: Clock;
  readonly log: Logger;
  readonly node: string;
  readonly templates: TemplateRenderer;
  readonly moduleFor: ExecutorDeps['moduleFor'];
  /** builds the template context of a phase (vars, facts, node, cluster) */
  readonly context: ContextSource;
  readonly readTreeFile?: (source: StepSource, path: string, signal: AbortSignal) => Promise<Uint8Array>;
  readonly moduleSettings?: ModuleSettings;
  readonly env?: Readonly<Record<string, string>>;
  /** commands' process groups; start() kills what a crashed predecessor left running */
  readonly processJournal?: ProcessJournal;
}

interface RunWork {
  assignment: Assignment;
  readonly abort: AbortController;
  running?: Promise<void>;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export class Agent implements AsyncDisposable {
  readonly #abort = new AbortController();
  readonly #drain = new AbortController();
  readonly #runs = new Map<string, RunWork>();
  #follow: Promise<void> | undefined;
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  /** plans by run uid, with the create revision of their key (guards result writes) */
  readonly #plans = new Map<string, { plan: RunPlan; createRevision: string }>();
  #packageQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AgentDeps) {
    setMaxListeners(100, this.#abort.signal, this.#drain.signal);
  }

  /** starts following assignments; resolves once the current ones are known */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`agent is ${this.#state}`);
    this.#state = 'running';
    const orphans = this.deps.processJournal?.reapOrphans() ?? [];
    if (orphans.length > 0) this.deps.log.warn({ pids: orphans }, 'killed commands left running by a previous daemon');
    const prefix = assignmentPrefix(this.deps.node);
    let ready!: () => void;
    const listed = new Promise<void>((r) => (ready = r));
    this.#follow = followPrefix(
      this.deps.store,
      prefix,
      {
        onReset: (items) => {
          const seen = new Set<string>();
          for (const kv of items) {
            const id = this.#onPut(kv);
            if (id) seen.add(id);
          }
          for (const id of [...this.#runs.keys()]) if (!seen.has(id)) this.#onDelete(id);
          ready();
        },
        onEvent: (ev) => {
          if (ev.type === 'put') this.#onPut({ key: ev.key, value: ev.value });
          else if (ev.type === 'delete') {
            const k = parseAssignmentKey(ev.key);
            if (k) this.#onDelete(`${k.namespace}/${k.run}`);
          }
        },
      },
      { signal: this.#abort.signal, clock: this.deps.clock, log: this.deps.log },
    );
    await listed;
  }

  /**
   * Drains: no step starts after this; the steps in hand finish, up to
   * `graceMs`, then they are aborted. Idempotent.
   */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopping';
    this.#drain.abort(new ShutdownError('agent draining'));
    const inHand = [...this.#runs.values()].map((w) => w.running).filter((p): p is Promise<void> => p !== undefined);
    if (inHand.length > 0) {
      this.deps.log.info({ runs: inHand.length }, 'finishing the steps in hand');
      const timer = this.deps.clock.setTimer(graceMs, () => this.#abort.abort(new ShutdownError('drain grace period over')));
      await Promise.allSettled(inHand);
      timer.cancel();
    }
    this.#abort.abort(new ShutdownError());
    await this.#follow;
    this.#state = 'stopped';
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** runs of this node now (for tests and status) */
  get activeRuns(): string[] {
    return [...this.#runs.keys()];
  }

  #onPut(kv: Pick<KeyValue, 'key' | 'value'>): string | undefined {
    const k = parseAssignmentKey(kv.key);
    if (!k) return undefined;
    let a: Assignment;
    try {
      a = JSON.parse(dec.decode(kv.value)) as Assignment;
    } catch (err) {
      this.deps.log.warn({ err, key: kv.key }, 'unreadable assignment ignored');
      return undefined;
    }
    const id = `${k.namespace}/${k.run}`;
    let w = this.#runs.get(id);
    if (w && w.assignment.runUid !== a.runUid) {
      w.abort.abort(new ShutdownError('run replaced'));
      this.#runs.delete(id);
      w = undefined;
    }
    if (!w) {
      w = { assignment: a, abort: new AbortController() };
      this.#runs.set(id, w);
    }
    w.assignment = a;
    this.#kick(id, w);
    return id;
  }

  #onDelete(id: string): void {
    const w = this.#runs.get(id);
    if (!w) return;
    this.#runs.delete(id);
    w.abort.abort(new ShutdownError('assignment withdrawn'));
    if (this.#runs.size === 0) this.#plans.clear();
  }

  #kick(id: string, w: RunWork): void {
    if (w.running || this.#drain.signal.aborted) return;
    const backoff = new Backoff({ initialMs: 500, maxMs: 15_000 });
    w.running = (async () => {
      for (;;) {
        const a = w.assignment;
        try {
          await this.#execute(a, w.abort.signal);
          backoff.reset();
        } catch (err) {
          if (w.abort.signal.aborted || this.#drain.signal.aborted) return;
          if (err instanceof FlotillaError && err.retryable) {
            // the store hiccupped: run the phase again, it resumes after the last finished step
            const delay = backoff.next();
            this.deps.log.warn({ err, run: id, phase: a.phase, retryInMs: delay }, 'phase interrupted; will resume');
            await this.deps.clock.sleep(delay, w.abort.signal).catch(() => undefined);
            if (w.abort.signal.aborted || this.#drain.signal.aborted) return;
            continue;
          }
          this.deps.log.error({ err, run: id, phase: a.phase }, 'phase execution failed');
          // say so in the result, or the run would wait for this node until its timeout
          await this.#failPhase(a, toError(err)).catch((e: unknown) => this.deps.log.error({ err: e, run: id }, 'cannot record the failure'));
          return;
        }
        if (w.abort.signal.aborted || this.#drain.signal.aborted || w.assignment === a) return;
      }
    })().finally(() => {
      w.running = undefined;
    });
  }

  async #plan(a: Assignment): Promise<{ plan: RunPlan; createRevision: string } | undefined> {
    const cached = this.#plans.get(a.runUid);
    if (cached) return cached;
    const kv = await this.deps.store.get(runPlanKey(a.namespace, a.run));
    if (!kv) return undefined;
    const plan = JSON.parse(dec.decode(kv.value)) as RunPlan;
    if (plan.runUid !== a.runUid) return undefined;
    const entry = { plan, createRevision: kv.createRevision };
    this.#plans.set(a.runUid, entry);
    return entry;
  }

  async #execute(a: Assignment, signal: AbortSignal): Promise<void> {
    const loaded = await this.#plan(a);
    if (!loaded) return;
    const { plan, createRevision } = loaded;
    const resultKey = runResultKey(a.namespace, a.run, this.deps.node);
    const kv = await this.deps.store.get(resultKey);
    const previous = kv ? (JSON.parse(dec.decode(kv.value)) as NodeResult) : undefined;
    const mine = previous?.runUid === a.runUid ? previous : undefined;
    if (mine && finishedPhase(mine, a.phase)) return;
    const combined = AbortSignal.any([signal, this.#abort.signal]);
    const context = await this.deps.context.forPhase(plan, { signal: combined });
    this.deps.log.info({ run: `${a.namespace}/${a.run}`, phase: a.phase }, 'phase started');
    const result = await executePhase(
      { plan, phase: a.phase, previous: mine, context, signal: combined, drain: this.#drain.signal },
      {
        node: this.deps.node,
        clock: this.deps.clock,
        log: this.deps.log.child({ run: `${a.namespace}/${a.run}` }),
        templates: this.deps.templates,
        moduleFor: this.deps.moduleFor,
        ...(this.deps.readTreeFile ? { readTreeFile: this.deps.readTreeFile } : {}),
        ...(this.deps.env ? { env: this.deps.env } : {}),
        moduleSettings: {
          ...this.deps.moduleSettings,
          packageLock: (fn) => this.#serial(fn),
          ...(this.deps.processJournal ? { processJournal: this.deps.processJournal } : {}),
        },
        writeResult: async (r) => {
          const res = await this.deps.store.txn({
            compares: [{ key: runPlanKey(a.namespace, a.run), target: 'createRevision', op: '=', value: createRevision }],
            success: [{ type: 'put', key: resultKey, value: enc.encode(JSON.stringify(r)) }],
          });
          if (!res.succeeded) throw new ShutdownError('the run is gone');
        },
        exportVariable: async (namespace, name, value) => {
          await this.deps.objects.apply(
            { apiVersion: 'flotilla/v1alpha1', kind: 'Variable', metadata: { name, namespace, labels: { 'flotilla.io/exported-by': a.run } }, spec: { value } },
            {},
          );
        },
      },
    );
    this.deps.log.info({ run: `${a.namespace}/${a.run}`, phase: a.phase, state: result.state }, 'phase ended');
  }

  /** marks this node's phase failed with `err` (an error no retry cures), keeping what the result already says */
  async #failPhase(a: Assignment, err: Error): Promise<void> {
    const loaded = await this.#plan(a);
    if (!loaded) return;
    const resultKey = runResultKey(a.namespace, a.run, this.deps.node);
    const kv = await this.deps.store.get(resultKey);
    const prev = kv ? (JSON.parse(dec.decode(kv.value)) as NodeResult) : undefined;
    const now = new Date(this.deps.clock.now()).toISOString();
    const base: NodeResult =
      prev?.runUid === a.runUid
        ? prev
        : { runUid: a.runUid, node: this.deps.node, phase: a.phase, state: 'running', completed: [], notified: [], registered: {}, counts: ZERO_COUNTS, steps: [], startedAt: now, updatedAt: now };
    if (base.phase === a.phase && base.state !== 'running') return;
    const where = base.stepName !== undefined ? `step '${base.stepName}': ` : '';
    const failed: NodeResult = { ...base, phase: a.phase, state: 'failed', registered: {}, message: `${where}${err.message}`.slice(0, 4096), updatedAt: now };
    await this.deps.store.txn({
      compares: [{ key: runPlanKey(a.namespace, a.run), target: 'createRevision', op: '=', value: loaded.createRevision }],
      success: [{ type: 'put', key: resultKey, value: enc.encode(JSON.stringify(failed)) }],
    });
  }

  /** package managers hold one lock per node: their calls go one at a time */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#packageQueue.then(fn, fn);
    this.#packageQueue = next.catch(() => undefined);
    return next;
  }
}
