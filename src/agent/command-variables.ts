// Computes the `valueFrom.command` Variables and ClusterVariables. Each has
// one chosen node: `valueFrom.command.node` when given, else the first live
// node, by name, of the variable's scope (every node, its NodeGroup's
// members, or its one node). That node's daemon runs the command (/bin/sh -c,
// cwd /, its own process group, killed at `timeout`, output capped) and
// writes the trimmed stdout to status.value, or why it failed to
// status.error (keeping the last value), with status.node, computedAt and
// observedGeneration. A command runs again when the spec changes (a new
// generation), every `refresh` when one is set, and 30 s after a failure.
// A value is kept when the node that computed it dies; the next node in line
// runs the command only when it is due for one of those reasons.
//
// Every node decides from its own view (its store session list minus what its
// gossip holds dead), so while views differ — a node just died — two nodes
// may both run a command; the status write is guarded by the generation, and
// the later write wins. Commands are expected to be read-only queries (a
// certificate's fingerprint, a cluster token that exists already): a run's
// runOnce step with `export` is the way to create something once.

import type { Logger } from '../log.js';
import type { Clock } from '../lib/clock.js';
import { childEnv, runProcess, SHELL, type ProcessJournal } from '../modules/index.js';
import { durationMs, MAX_VARIABLE_BYTES, type NodeGroupSpec, type ResourceObject, type VariableSpec, type VariableStatus } from '../resources/index.js';
import { nodeGroupMembers, type MembershipView } from '../runs/index.js';
import type { ObjectServer } from '../server/index.js';
import type { Store } from '../store/index.js';
import { liveNodeNames } from './context.js';

/** how soon a failed command runs again */
export const COMMAND_RETRY_MS = 30_000;
/** how often the daemon looks for commands that are due */
export const DEFAULT_COMMAND_POLL_MS = 2_000;
/** commands running at once on one node */
const CONCURRENCY = 4;
/** bytes of stderr kept in status.error */
const ERROR_TAIL = 1_000;

const KINDS = ['ClusterVariable', 'Variable'] as const;

export interface CommandVariablesDeps {
  readonly objects: ObjectServer;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly node: string;
  readonly membership?: MembershipView;
  readonly processJournal?: ProcessJournal;
  /** default DEFAULT_COMMAND_POLL_MS */
  readonly pollMs?: number;
}

/** the node that computes a command variable, or undefined when none of its scope is live */
export function chooseNode(
  spec: VariableSpec,
  nodes: readonly { name: string; labels: Record<string, string> }[],
  groups: ReadonlyMap<string, NodeGroupSpec>,
  live: ReadonlySet<string>,
): string | undefined {
  const pinned = spec.valueFrom?.command?.node;
  if (pinned !== undefined) return pinned;
  const scope = spec.scope ?? {};
  let candidates: string[];
  if (scope.node !== undefined) candidates = [scope.node];
  else if (scope.nodeGroup !== undefined) {
    const g = groups.get(scope.nodeGroup);
    candidates = g ? nodeGroupMembers(g, nodes) : [];
  } else candidates = nodes.map((n) => n.name);
  return candidates.filter((n) => live.has(n)).sort()[0];
}

/** whether the chosen node should run the command now */
export function commandDue(obj: Pick<ResourceObject, 'metadata' | 'status'> & { spec: VariableSpec }, now: number): boolean {
  const cmd = obj.spec.valueFrom?.command;
  if (!cmd) return false;
  const st = (obj.status ?? {}) as VariableStatus;
  if (st.observedGeneration !== obj.metadata.generation) return true;
  const last = st.computedAt !== undefined ? Date.parse(st.computedAt) : 0;
  if (st.error !== undefined) return now - last >= COMMAND_RETRY_MS;
  if (cmd.refresh !== undefined) return now - last >= durationMs(cmd.refresh);
  return false;
}

export class CommandVariables implements AsyncDisposable {
  readonly #abort = new AbortController();
  /** commands running now, by variable key: a slow one holds up no other */
  readonly #running = new Map<string, Promise<void>>();
  #loop: Promise<void> | undefined;

  constructor(private readonly deps: CommandVariablesDeps) {}

  start(): void {
    this.#loop ??= this.#run(this.#abort.signal);
  }

  /** stops looking; commands in hand are killed */
  async stop(): Promise<void> {
    this.#abort.abort(new Error('stopping'));
    await this.#loop;
    await this.idle();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** resolves when the commands running now have finished and written their status */
  async idle(): Promise<void> {
    await Promise.all([...this.#running.values()]);
  }

  /**
   * While some variable has a command, looks every pollMs (which node is live,
   * refresh and retry times change without any object changing); while none
   * has, sleeps until a Variable or ClusterVariable changes, so an idle daemon
   * does not wake for this.
   */
  async #run(signal: AbortSignal): Promise<void> {
    const pollMs = this.deps.pollMs ?? DEFAULT_COMMAND_POLL_MS;
    while (!signal.aborted) {
      let any = true;
      // armed before the pass, so a change made during it is not missed; dropped when polling
      const pass = new AbortController();
      const stop = () => pass.abort(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
      const changed = this.deps.objects.changed(KINDS, pass.signal);
      changed.catch(() => undefined);
      try {
        any = await this.tick(signal);
      } catch (err) {
        if (!signal.aborted) this.deps.log.warn({ err }, 'command variables: pass failed');
      }
      if (any) pass.abort();
      await (any ? this.deps.clock.sleep(pollMs, signal) : changed).catch(() => undefined);
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * Starts the commands that are due on this node (at most CONCURRENCY at
   * once; see idle()); resolves whether any variable has a command.
   */
  async tick(signal: AbortSignal): Promise<boolean> {
    const lists = await Promise.all(KINDS.map((k) => this.deps.objects.list(k, { allNamespaces: true })));
    const withCommand = KINDS.flatMap((kind, i) => lists[i].items.filter((o) => (o.spec as VariableSpec).valueFrom?.command !== undefined).map((o) => ({ kind, o })));
    if (withCommand.length === 0) return false;
    const [nodes, groups, live] = await Promise.all([
      this.deps.objects.list('Node'),
      this.deps.objects.list('NodeGroup'),
      liveNodeNames(this.deps.store, this.deps.membership),
    ]);
    const targets = nodes.items.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} }));
    const groupMap = new Map(groups.items.map((g) => [g.metadata.name, g.spec as NodeGroupSpec]));
    const now = this.deps.clock.now();
    for (const { kind, o } of withCommand) {
      const key = `${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      if (this.#running.size >= CONCURRENCY || signal.aborted) break;
      if (this.#running.has(key)) continue;
      if (chooseNode(o.spec as VariableSpec, targets, groupMap, live) !== this.deps.node || !commandDue(o as never, now)) continue;
      const p = this.#compute(kind, o, signal)
        .catch((err: unknown) => {
          if (!signal.aborted) this.deps.log.warn({ err, variable: key }, 'variable command: status not written');
        })
        .finally(() => this.#running.delete(key));
      this.#running.set(key, p);
    }
    return true;
  }

  async #compute(kind: (typeof KINDS)[number], obj: ResourceObject, signal: AbortSignal): Promise<void> {
    const cmd = (obj.spec as VariableSpec).valueFrom!.command!;
    const where = `${kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
    const outcome = await runProcess({
      argv: [SHELL, '-c', cmd.cmd],
      cwd: '/',
      env: childEnv({}),
      signal,
      timeoutMs: durationMs(cmd.timeout ?? '30s'),
      maxOutputBytes: MAX_VARIABLE_BYTES,
      clock: this.deps.clock,
      ...(this.deps.processJournal ? { journal: this.deps.processJournal } : {}),
    });
    let result: { value: string } | { error: string };
    if (outcome.timedOut) result = { error: `timed out after ${cmd.timeout ?? '30s'}` };
    else if (outcome.rc !== 0) result = { error: `exit code ${outcome.rc}${outcome.spawnError ? `: ${outcome.spawnError}` : ''}${tail(outcome.stderr)}` };
    else if (outcome.stdoutDropped > 0) result = { error: `its output is over ${MAX_VARIABLE_BYTES} bytes` };
    else result = { value: outcome.stdout.trim() };
    const computedAt = new Date(this.deps.clock.now()).toISOString();
    const generation = obj.metadata.generation;
    await this.deps.objects.updateStatus(kind, obj.metadata.namespace, obj.metadata.name, (cur) => {
      // the spec changed while the command ran: leave the status to the next pass
      if (cur.metadata.generation !== generation) return cur.status;
      const prev = (cur.status ?? {}) as VariableStatus;
      const base = { node: this.deps.node, computedAt, ...(generation !== undefined ? { observedGeneration: generation } : {}) };
      if ('value' in result) return { ...base, value: result.value };
      return { ...base, ...(prev.value !== undefined ? { value: prev.value } : {}), error: result.error };
    });
    if ('error' in result) this.deps.log.warn({ variable: where, error: result.error }, 'variable command failed');
    else this.deps.log.info({ variable: where, bytes: result.value.length }, 'variable computed');
  }
}

function tail(stderr: string): string {
  const t = stderr.trim();
  if (t === '') return '';
  return `: ${t.length > ERROR_TAIL ? `…${t.slice(-ERROR_TAIL)}` : t}`;
}
