// What RunService does beyond the generic five calls: start a run (create
// the Run object; the leader's controller plans it), cancel it (set
// spec.cancel; the controller withdraws the assignments), and collect each
// node's step log from the run's results.

import { randomBytes } from 'node:crypto';
import { FailedPreconditionError, InvalidArgumentError, NotFoundError, isFlotillaError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { isFinishedPhase, type JsonObject, type ResourceObject, type RunSpec, type RunStatus } from '../resources/index.js';
import type { ObjectServer } from '../server/index.js';
import { runResultsPrefix, type Store } from '../store/index.js';
import type { NodeResult, StepLog } from './model.js';

export interface StartRun {
  readonly taskBook: string;
  readonly namespace?: string;
  readonly set?: JsonObject;
  readonly nodes?: readonly string[];
  readonly check?: boolean;
  readonly diff?: boolean;
  readonly name?: string;
}

export interface NodeRunLog {
  readonly node: string;
  readonly state: string;
  readonly message?: string;
  readonly steps: readonly StepLog[];
}

const dec = new TextDecoder();

/** a run name from the TaskBook's: `hello-m1x2k3a9` (time in base 36 plus randomness) */
export function runName(taskBook: string, now: number): string {
  const stamp = `${now.toString(36).slice(-5)}${randomBytes(2).toString('hex').slice(0, 3)}`;
  return `${taskBook.slice(0, 54).replace(/-+$/, '')}-${stamp}`;
}

export class RunService {
  constructor(private readonly deps: { objects: ObjectServer; store: Store; clock: Clock }) {}

  async start(req: StartRun): Promise<ResourceObject> {
    const namespace = req.namespace || 'default';
    if (!req.taskBook) throw new InvalidArgumentError([{ path: 'task_book', message: 'is required' }]);
    const tb = await this.deps.objects.getInternal('TaskBook', namespace, req.taskBook);
    if (!tb) throw new NotFoundError(`TaskBook '${namespace}/${req.taskBook}'`);
    const spec: RunSpec = {
      taskBook: req.taskBook,
      ...(req.set && Object.keys(req.set).length > 0 ? { set: req.set } : {}),
      ...(req.nodes && req.nodes.length > 0 ? { nodes: [...req.nodes] } : {}),
      ...(req.check ? { check: true } : {}),
      ...(req.diff ? { diff: true } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const name = req.name || runName(req.taskBook, this.deps.clock.now());
      const existing = await this.deps.objects.getInternal('Run', namespace, name, { fresh: true });
      if (existing) {
        if (req.name) throw new FailedPreconditionError(`Run '${namespace}/${name}' already exists`);
        if (attempt < 5) continue;
      }
      const { object } = await this.deps.objects.apply({
        apiVersion: 'flotilla/v1alpha1',
        kind: 'Run',
        metadata: { name, namespace, labels: { 'flotilla.io/taskbook': req.taskBook } },
        spec,
      });
      return object;
    }
  }

  async cancel(namespace: string, name: string): Promise<ResourceObject> {
    const run = await this.deps.objects.getInternal('Run', namespace || 'default', name, { fresh: true });
    if (!run) throw new NotFoundError(`Run '${namespace || 'default'}/${name}'`);
    const phase = (run.status as RunStatus | undefined)?.phase;
    if (isFinishedPhase(phase)) throw new FailedPreconditionError(`Run '${run.metadata.namespace}/${name}' already finished (${phase})`);
    const { object } = await this.deps.objects.apply({
      apiVersion: run.apiVersion,
      kind: 'Run',
      metadata: { name, namespace: run.metadata.namespace, labels: run.metadata.labels ?? {}, annotations: run.metadata.annotations ?? {} },
      spec: { ...(run.spec as RunSpec), cancel: true },
    });
    return object;
  }

  async logs(namespace: string, name: string, node?: string): Promise<NodeRunLog[]> {
    const ns = namespace || 'default';
    const run = await this.deps.objects.getInternal('Run', ns, name);
    if (!run) throw new NotFoundError(`Run '${ns}/${name}'`);
    const status = (run.status ?? {}) as RunStatus;
    const results = new Map<string, NodeResult>();
    const page = await this.deps.store.list(runResultsPrefix(ns, name));
    for (const kv of page.items) {
      try {
        const r = JSON.parse(dec.decode(kv.value)) as NodeResult;
        if (r.runUid === run.metadata.uuid) results.set(r.node, r);
      } catch (err) {
        if (!isFlotillaError(err)) continue;
      }
    }
    const nodes = Object.keys(status.nodes ?? {}).sort();
    if (node !== undefined && node !== '' && !nodes.includes(node)) throw new NotFoundError(`node '${node}' in Run '${ns}/${name}'`);
    return nodes
      .filter((n) => !node || n === node)
      .map((n) => {
        const s = status.nodes![n];
        return { node: n, state: s.state, ...(s.message ? { message: s.message } : {}), steps: results.get(n)?.steps ?? [] };
      });
  }
}
