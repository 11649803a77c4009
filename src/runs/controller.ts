// The run controller: a leader-only part that plans new Runs, hands phases
// to nodes, folds the nodes' results into Run.status and ends runs. It keeps
// no state of its own that matters: everything is read back from the store
// (fold.ts), so a new leader simply starts reconciling. Every write carries
// the leader's fencing compare, so a deposed leader cannot write.
//
// It follows three prefixes (Runs, run data, presence) and reconciles a run
// whenever something under it changes; a run's timeout wakes it too, and a
// slow full resync catches anything a watch hiccup missed.

import { setMaxListeners } from 'node:events';
import { FlotillaError, IllegalStateError, ShutdownError } from '../errors.js';
import type { Clock, Timer } from '../lib/clock.js';
import { mapConcurrent } from '../lib/map-concurrent.js';
import type { Logger } from '../log.js';
import {
  clusterConfigFrom,
  durationMs,
  isFinishedPhase,
  kindInfo,
  newEvent,
  specEqual,
  type ConfigSpec,
  type NodeGroupSpec,
  type ResourceObject,
  type RunNodeStatus,
  type RunSpec,
  type RunStatus,
  type TaskBookSpec,
} from '../resources/index.js';
import type { ObjectServer } from '../server/index.js';
import {
  PRESENCE_PREFIX,
  RUNS_PREFIX,
  assignmentKey,
  followPrefix,
  objectPrefix,
  parseObjectKey,
  parseRunDataKey,
  runDataPrefix,
  runPlanKey,
  runResultsPrefix,
  type Compare,
  type KeyValue,
  type Leadership,
  type Store,
  type TxnOp,
} from '../store/index.js';
import { fold, type RunEvent } from './fold.js';
import { loadIncludes, type GitReader } from './includes.js';
import type { Assignment, MembershipView, NodeResult, RunPlan } from './model.js';
import { planRun } from './plan.js';
import { resolveTargets } from './targets.js';

export interface RunControllerDeps {
  readonly store: Store;
  readonly objects: ObjectServer;
  readonly clock: Clock;
  readonly log: Logger;
  readonly git?: GitReader;
  /** this daemon's node name: the source of the Events it writes */
  readonly node: string;
  /**
   * how long a run may wait to start while what it needs is unavailable (a
   * git include that cannot be fetched); then it fails. Default 2 minutes
   * (the daemon passes its runs.startDeadlineMs).
   */
  readonly startDeadlineMs?: number;
  /** the failure detector's view: a node it holds dead or left is not live, whatever the store says */
  readonly membership?: MembershipView;
}

const RESYNC_MS = 5 * 60_000;
const DEFAULT_START_DEADLINE_MS = 2 * 60_000;
/** retry delays after a failed reconcile: 1 s doubling to 30 s */
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const OPS_PER_TXN = 100;
const enc = new TextEncoder();
const dec = new TextDecoder();

export class RunController {
  readonly name = 'runs';
  #abort: AbortController | undefined;
  #loops: Promise<void>[] = [];
  #leadership: Leadership | undefined;
  readonly #queue = new Set<string>();
  #wake: (() => void) | undefined;
  /** nodes with a session in the store */
  readonly #present = new Set<string>();
  #unsubscribe: (() => void) | undefined;
  readonly #timers = new Map<string, Timer>();
  /** plans by run key, until the run ends (a plan never changes) */
  readonly #plans = new Map<string, RunPlan>();
  /** failed reconciles in a row, by run key (retry backoff) */
  readonly #failures = new Map<string, number>();

  constructor(private readonly deps: RunControllerDeps) {}

  /** starts following the store; resolves once presence is known (before any run is planned) */
  async start(leadership: Leadership): Promise<void> {
    if (this.#abort) throw new IllegalStateError('run controller already started');
    this.#leadership = leadership;
    const abort = new AbortController();
    setMaxListeners(20, abort.signal);
    this.#abort = abort;
    const signal = abort.signal;
    const opts = { signal, clock: this.deps.clock, log: this.deps.log };
    let presenceReady!: () => void;
    const ready = new Promise<void>((r) => (presenceReady = r));
    this.#loops.push(
      followPrefix(
        this.deps.store,
        PRESENCE_PREFIX,
        {
          onReset: (items) => {
            this.#present.clear();
            for (const kv of items) this.#present.add(kv.key.slice(PRESENCE_PREFIX.length));
            presenceReady();
            this.#enqueueActive();
          },
          onEvent: (ev) => {
            if (ev.type === 'bookmark') return;
            const node = ev.key.slice(PRESENCE_PREFIX.length);
            if (ev.type === 'put') this.#present.add(node);
            else this.#present.delete(node);
            this.#enqueueActive();
          },
        },
        opts,
      ),
    );
    await ready;
    this.#unsubscribe = this.deps.membership?.subscribe(() => this.#enqueueActive());
    this.#loops.push(
      followPrefix(
        this.deps.store,
        objectPrefix('Run', undefined, true),
        {
          onReset: (items) => items.forEach((kv) => this.#enqueueKey(kv.key)),
          onEvent: (ev) => {
            if (ev.type !== 'bookmark') this.#enqueueKey(ev.key);
          },
        },
        opts,
      ),
      followPrefix(
        this.deps.store,
        RUNS_PREFIX,
        {
          onReset: () => this.#enqueueActive(),
          onEvent: (ev) => {
            if (ev.type === 'bookmark') return;
            const k = parseRunDataKey(ev.key);
            if (k?.node !== undefined) this.#enqueue(`${k.namespace}/${k.run}`);
          },
        },
        opts,
      ),
      this.#work(signal),
      this.#resync(signal),
    );
    this.deps.log.info('run controller started');
  }

  async stop(): Promise<void> {
    const abort = this.#abort;
    if (!abort) return;
    abort.abort(new ShutdownError());
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#wake?.();
    await Promise.allSettled(this.#loops);
    for (const t of this.#timers.values()) t.cancel();
    this.#timers.clear();
    this.#loops = [];
    this.#abort = undefined;
    this.#queue.clear();
    this.#plans.clear();
    this.deps.log.info('run controller stopped');
  }

  #enqueueKey(key: string): void {
    const k = parseObjectKey(key);
    if (k && k.namespace !== undefined) this.#enqueue(`${k.namespace}/${k.name}`);
  }

  #enqueue(id: string): void {
    this.#queue.add(id);
    this.#wake?.();
  }

  /** every run that has a plan cached (i.e. is running) */
  /** nodes a run may use: a session in the store, and not dead or left in gossip */
  #live(): ReadonlySet<string> {
    const down = this.deps.membership?.down();
    if (!down || down.size === 0) return this.#present;
    return new Set([...this.#present].filter((n) => !down.has(n)));
  }

  #enqueueActive(): void {
    for (const id of this.#plans.keys()) this.#enqueue(id);
  }

  async #resync(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.deps.clock.sleep(RESYNC_MS, signal).catch(() => undefined);
      if (signal.aborted) return;
      try {
        const runs = await this.deps.store.list(objectPrefix('Run', undefined, true));
        for (const kv of runs.items) this.#enqueueKey(kv.key);
      } catch (err) {
        this.deps.log.warn({ err }, 'run resync failed');
      }
    }
  }

  async #work(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      if (this.#queue.size === 0) {
        await new Promise<void>((r) => (this.#wake = r));
        this.#wake = undefined;
        continue;
      }
      const batch = [...this.#queue];
      this.#queue.clear();
      await mapConcurrent(batch, 8, async (id) => {
        if (signal.aborted) return;
        const t0 = this.deps.clock.now();
        try {
          this.deps.log.debug({ run: id }, 'reconcile');
          await this.#reconcile(id, signal);
          this.#failures.delete(id);
          this.deps.log.debug({ run: id, ms: this.deps.clock.now() - t0 }, 'reconciled');
        } catch (err) {
          if (signal.aborted) return;
          const n = (this.#failures.get(id) ?? 0) + 1;
          this.#failures.set(id, n);
          const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(n - 1, 10));
          this.deps.log.warn({ err, run: id, retryInMs: delay }, 'reconcile failed; will retry');
          this.#timers.get(`retry:${id}`)?.cancel();
          this.#timers.set(`retry:${id}`, this.deps.clock.setTimer(delay, () => this.#enqueue(id)));
        }
      });
    }
  }

  #guard(): Compare {
    const l = this.#leadership;
    if (!l) throw new IllegalStateError('run controller has no leadership');
    return l.guard();
  }

  async #reconcile(id: string, signal: AbortSignal): Promise<void> {
    const [namespace, name] = id.split('/');
    // from the store, not the cache: a cancel must not be missed for a cache that lags the watch that woke us
    const run = await this.deps.objects.getInternal('Run', namespace, name, { fresh: true });
    if (!run) {
      await this.#forget(id, namespace, name);
      return;
    }
    const status = (run.status ?? {}) as RunStatus;
    const spec = run.spec as RunSpec;
    if (isFinishedPhase(status.phase)) {
      const plan = this.#plans.get(id) ?? (await this.#readPlan(namespace, name, run.metadata.uuid!));
      if (plan) await this.#writeAssignments(plan, new Map(), await this.#assignments(plan));
      this.#plans.delete(id);
      return;
    }
    let plan = this.#plans.get(id);
    if (plan && plan.runUid !== run.metadata.uuid) plan = undefined;
    plan ??= await this.#readPlan(namespace, name, run.metadata.uuid!);
    if (!plan) {
      await this.#planRun(run, signal);
      return;
    }
    this.#plans.set(id, plan);
    const [results, assignments] = await Promise.all([this.#results(plan), this.#assignments(plan)]);
    const out = fold({ plan, status, cancel: spec.cancel === true, results, assignments, live: this.#live(), now: this.deps.clock.now() });
    if (!specEqual(out.status, status) || out.events.length > 0) {
      const res = await this.deps.objects.systemCommit({
        update: { object: run, status: out.status },
        create: out.events.map((e) => this.#event(run, e)),
        guard: [this.#guard()],
      });
      if (!res.succeeded) {
        this.#enqueue(id);
        return;
      }
      if (isFinishedPhase(out.status.phase)) {
        this.deps.log.info({ run: id, phase: out.status.phase, message: out.status.message }, 'run finished');
        this.#plans.delete(id);
      }
    }
    await this.#writeAssignments(plan, out.assign, assignments, out.unassign);
    this.#timers.get(`wake:${id}`)?.cancel();
    if (out.wakeAt !== undefined && !isFinishedPhase(out.status.phase)) {
      this.#timers.set(`wake:${id}`, this.deps.clock.setTimer(Math.max(0, out.wakeAt - this.deps.clock.now()), () => this.#enqueue(id)));
    }
  }

  async #planRun(run: ResourceObject, signal: AbortSignal): Promise<void> {
    const namespace = run.metadata.namespace!;
    const name = run.metadata.name;
    const spec = run.spec as RunSpec;
    const now = new Date(this.deps.clock.now()).toISOString();
    let plan: RunPlan;
    try {
      if (spec.cancel) throw new FlotillaError('CANCELLED', 'cancelled before it started');
      const configObj = await this.deps.objects.getInternal('Config', undefined, 'cluster');
      const cluster = clusterConfigFrom(configObj?.spec as ConfigSpec | undefined);
      let tbSpec: TaskBookSpec;
      if (spec.inline) tbSpec = spec.inline;
      else {
        const tb = await this.deps.objects.getInternal('TaskBook', namespace, spec.taskBook!);
        if (!tb) throw new FlotillaError('NOT_FOUND', `TaskBook '${namespace}/${spec.taskBook}' not found`);
        tbSpec = tb.spec as TaskBookSpec;
      }
      const defaulted = kindInfo('TaskBook').withDefaults(tbSpec, cluster, { name: spec.taskBook ?? name, namespace });
      if (!defaulted.targets) throw new FlotillaError('INVALID_ARGUMENT', 'spec.targets: is required to run a TaskBook');
      const included = await loadIncludes(defaulted.include, this.deps.git, cluster, { signal });
      const [nodes, groups] = await Promise.all([this.deps.objects.list('Node'), this.deps.objects.list('NodeGroup')]);
      const targets = resolveTargets(
        defaulted.targets,
        nodes.items.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} })),
        new Map(groups.items.map((g) => [g.metadata.name, g.spec as NodeGroupSpec])),
      );
      plan = planRun({
        namespace,
        run: name,
        runUid: run.metadata.uuid!,
        ...(spec.taskBook !== undefined ? { taskBook: spec.taskBook } : {}),
        spec: defaulted,
        included,
        targets,
        only: spec.nodes ?? [],
        live: this.#live(),
        set: spec.set ?? {},
        check: spec.check ?? false,
        diff: spec.diff ?? false,
        timeoutMs: durationMs(defaulted.timeout),
        now,
      });
    } catch (err) {
      if (!(err instanceof FlotillaError) || err.code === 'INTERNAL') throw err;
      let message = err.message;
      if (err.code === 'UNAVAILABLE') {
        // worth retrying (a git server that is down); say so in the status, and give up after the deadline
        const deadlineMs = this.deps.startDeadlineMs ?? DEFAULT_START_DEADLINE_MS;
        const createdAt = Date.parse(run.metadata.createdAt ?? '') || this.deps.clock.now();
        if (this.deps.clock.now() - createdAt < deadlineMs) {
          const waiting = `waiting to start: ${err.message}`;
          const current = (run.status ?? {}) as RunStatus;
          if (current.message !== waiting) {
            await this.deps.objects.systemCommit({ update: { object: run, status: { ...current, phase: 'Pending', message: waiting } }, guard: [this.#guard()] });
          }
          throw err;
        }
        message = `could not start within ${Math.round(deadlineMs / 1000)}s: ${err.message}`;
      }
      const cancelled = err.code === 'CANCELLED';
      const status: RunStatus = { phase: cancelled ? 'Cancelled' : 'Failed', message, startedAt: now, finishedAt: now };
      const ev: RunEvent = { type: 'Warning', reason: cancelled ? 'RunCancelled' : 'RunFailed', message: `run ${namespace}/${name}: ${message}` };
      await this.deps.objects.systemCommit({ update: { object: run, status }, create: [this.#event(run, ev)], guard: [this.#guard()] });
      this.deps.log.info({ run: `${namespace}/${name}`, reason: message }, 'run could not start');
      return;
    }
    const nodes: Record<string, RunNodeStatus> = {};
    for (const n of plan.nodes) nodes[n] = { state: 'Pending' };
    const status: RunStatus = { phase: 'Running', startedAt: now, currentPhase: 0, nodes, includes: [...plan.includes], message: 'planned' };
    const planKey = runPlanKey(namespace, name);
    const started: RunEvent = {
      type: 'Normal',
      reason: 'RunStarted',
      message: `run ${namespace}/${name} of ${plan.taskBook ? `TaskBook ${plan.taskBook}` : 'inline steps'} started on ${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'} in ${plan.phases.length} phase${plan.phases.length === 1 ? '' : 's'}${plan.check ? ' (check mode)' : ''}`,
    };
    const res = await this.deps.objects.systemCommit({
      update: { object: run, status },
      create: [this.#event(run, started)],
      ops: [{ type: 'put', key: planKey, value: enc.encode(JSON.stringify(plan)) }],
      guard: [this.#guard(), { key: planKey, target: 'modRevision', op: '=', value: '0' }],
    });
    if (res.succeeded) {
      this.#plans.set(`${namespace}/${name}`, plan);
      this.deps.log.info({ run: `${namespace}/${name}`, nodes: plan.nodes.length, phases: plan.phases.length }, 'run planned');
    }
    this.#enqueue(`${namespace}/${name}`);
  }

  async #readPlan(namespace: string, name: string, runUid: string): Promise<RunPlan | undefined> {
    const kv = await this.deps.store.get(runPlanKey(namespace, name));
    if (!kv) return undefined;
    const plan = JSON.parse(dec.decode(kv.value)) as RunPlan;
    return plan.runUid === runUid ? plan : undefined;
  }

  async #results(plan: RunPlan): Promise<Map<string, NodeResult>> {
    const out = new Map<string, NodeResult>();
    const page = await this.deps.store.list(runResultsPrefix(plan.namespace, plan.run));
    for (const kv of page.items) {
      const r = JSON.parse(dec.decode(kv.value)) as NodeResult;
      if (r.runUid === plan.runUid) out.set(r.node, r);
    }
    return out;
  }

  async #assignments(plan: RunPlan): Promise<Map<string, Assignment>> {
    const out = new Map<string, Assignment>();
    for (let i = 0; i < plan.nodes.length; i += OPS_PER_TXN) {
      const chunk = plan.nodes.slice(i, i + OPS_PER_TXN);
      const res = await this.deps.store.txn({ compares: [], success: chunk.map((n) => ({ type: 'get' as const, key: assignmentKey(n, plan.namespace, plan.run) })) });
      res.results.forEach((r, j) => {
        if (r.type === 'get' && r.kv) {
          const a = JSON.parse(dec.decode(r.kv.value)) as Assignment;
          if (a.runUid === plan.runUid) out.set(chunk[j], a);
        }
      });
    }
    return out;
  }

  async #writeAssignments(plan: RunPlan, assign: ReadonlyMap<string, Assignment>, current: ReadonlyMap<string, Assignment>, unassign?: readonly string[]): Promise<void> {
    const ops: TxnOp[] = [];
    for (const [n, a] of assign) ops.push({ type: 'put', key: assignmentKey(n, plan.namespace, plan.run), value: enc.encode(JSON.stringify(a)) });
    for (const n of unassign ?? [...current.keys()]) ops.push({ type: 'delete', key: assignmentKey(n, plan.namespace, plan.run) });
    for (let i = 0; i < ops.length; i += OPS_PER_TXN) {
      const res = await this.deps.store.txn({ compares: [this.#guard()], success: ops.slice(i, i + OPS_PER_TXN) });
      if (!res.succeeded) throw new FlotillaError('FAILED_PRECONDITION', 'leadership lost while writing assignments');
    }
  }

  /** a Run that was deleted: its assignments and data go too */
  async #forget(id: string, namespace: string, name: string): Promise<void> {
    const kv: KeyValue | undefined = await this.deps.store.get(runPlanKey(namespace, name));
    const plan = this.#plans.get(id) ?? (kv ? (JSON.parse(dec.decode(kv.value)) as RunPlan) : undefined);
    if (plan) {
      const ops: TxnOp[] = plan.nodes.map((n) => ({ type: 'delete', key: assignmentKey(n, namespace, name) }));
      for (let i = 0; i < ops.length; i += OPS_PER_TXN) await this.deps.store.txn({ compares: [this.#guard()], success: ops.slice(i, i + OPS_PER_TXN) });
    }
    await this.deps.store.deletePrefix(runDataPrefix(namespace, name));
    this.#plans.delete(id);
    this.#timers.get(`wake:${id}`)?.cancel();
  }

  #event(run: ResourceObject, e: RunEvent): Record<string, unknown> {
    return newEvent(run.metadata.name, run.metadata.namespace!, { 'flotilla.io/run': run.metadata.name }, {
      type: e.type,
      reason: e.reason,
      message: e.message,
      source: { component: 'controller', node: this.deps.node },
      involvedObject: { kind: 'Run', namespace: run.metadata.namespace, name: run.metadata.name },
      ...(e.node ? { data: { node: e.node } } : {}),
    });
  }
}
