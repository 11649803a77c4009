// Records what the failure detector knows into the store, on the leader only:
// each Node's status.gossip (alive / suspect / dead / left, since when, the
// incarnation) and one Event per recorded transition in the `system`
// namespace (NodeAlive, NodeSuspect, NodeDead, NodeLeft), written together in
// one transaction guarded by leadership and by the Node's resourceVersion.
// "Exactly one Event per transition" follows from comparing with what the
// store holds, not with what this process saw before: with three daemons
// watching, only the leader writes; after a leader change the new leader
// writes only what the old one did not record. A flap shorter than one write
// (suspect and refuted at once) may fold into no transition at all.
//
// Sources of work: every member when leadership starts, every detector
// event, a Node object appearing for a member that had none yet (a daemon
// joins gossip before it registers its Node; a watch on the Node prefix
// records it at once), and a retry every RETRY_MS of the members that could
// not be settled otherwise (a write that failed while the store was down).
// With nothing unsettled no timer runs, so an idle leader does not wake for it.

import { ShutdownError } from '../errors.js';
import type { Clock, Timer } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { newEvent, type GossipState, type NodeGossip, type ResourceObject } from '../resources/index.js';
import type { ObjectServer } from '../server/index.js';
import { followPrefix, objectPrefix, parseObjectKey, type Leadership, type Store } from '../store/index.js';

/** a member as the failure detector reports it */
export interface GossipMember {
  readonly name: string;
  readonly incarnation: number;
  readonly state: GossipState;
  /** epoch ms when this member's state was first seen */
  readonly since: number;
}

export interface GossipSource {
  members(): readonly GossipMember[];
  subscribe(fn: (e: { member: GossipMember }) => void): () => void;
}

const RETRY_MS = 2_000;
const MAX_ATTEMPTS = 5;

const REASONS: Record<GossipState, { reason: string; type: 'Normal' | 'Warning'; says: string }> = {
  alive: { reason: 'NodeAlive', type: 'Normal', says: 'is alive' },
  suspect: { reason: 'NodeSuspect', type: 'Warning', says: 'is suspected of having failed (missed probes; it has a moment to refute)' },
  dead: { reason: 'NodeDead', type: 'Warning', says: 'is dead (failed probes, suspicion not refuted)' },
  left: { reason: 'NodeLeft', type: 'Normal', says: 'left the gossip group' },
};

export class GossipRecorder {
  readonly name = 'gossip-recorder';
  #leadership: Leadership | undefined;
  #unsubscribe: (() => void) | undefined;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #follow: Promise<void> | undefined;
  #retry: Timer | undefined;
  readonly #queue = new Set<string>();
  /** members whose state could not be written yet */
  readonly #unsettled = new Set<string>();
  #wake: (() => void) | undefined;

  constructor(private readonly deps: { store: Store; objects: ObjectServer; gossip: GossipSource; clock: Clock; log: Logger; node: string }) {}

  async start(leadership: Leadership): Promise<void> {
    this.#leadership = leadership;
    const abort = new AbortController();
    this.#abort = abort;
    this.#unsubscribe = this.deps.gossip.subscribe((e) => this.#enqueue(e.member.name));
    for (const m of this.deps.gossip.members()) this.#queue.add(m.name);
    this.#loop = this.#work(abort.signal);
    this.#follow = followPrefix(
      this.deps.store,
      objectPrefix('Node', undefined),
      {
        onReset: (items) => items.forEach((kv) => this.#nodeAppeared(kv.key)),
        onEvent: (ev) => {
          if (ev.type === 'put') this.#nodeAppeared(ev.key);
        },
      },
      { signal: abort.signal, clock: this.deps.clock, log: this.deps.log },
    );
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#retry?.cancel();
    this.#retry = undefined;
    this.#abort?.abort(new ShutdownError());
    this.#wake?.();
    await Promise.all([this.#loop, this.#follow]);
    this.#loop = undefined;
    this.#follow = undefined;
    this.#queue.clear();
    this.#unsettled.clear();
  }

  #enqueue(name: string): void {
    this.#queue.add(name);
    this.#wake?.();
  }

  /** a Node was written: record its member now if it was waiting for one */
  #nodeAppeared(key: string): void {
    const name = parseObjectKey(key)?.name;
    if (name === undefined || !this.#unsettled.delete(name)) return;
    if (this.#unsettled.size === 0) {
      this.#retry?.cancel();
      this.#retry = undefined;
    }
    this.#enqueue(name);
  }

  /** comes back for the unsettled members later; one timer at a time */
  #retryLater(name: string): void {
    this.#unsettled.add(name);
    this.#retry ??= this.deps.clock.setTimer(RETRY_MS, () => {
      this.#retry = undefined;
      for (const n of this.#unsettled) this.#enqueue(n);
      this.#unsettled.clear();
    });
  }

  async #work(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const next = this.#queue.values().next();
      if (next.done) {
        await new Promise<void>((r) => (this.#wake = r));
        this.#wake = undefined;
        continue;
      }
      this.#queue.delete(next.value);
      try {
        if (!(await this.#record(next.value, signal))) this.#retryLater(next.value);
      } catch (err) {
        if (signal.aborted) return;
        this.deps.log.warn({ err, node: next.value }, 'gossip state not recorded; retrying');
        this.#retryLater(next.value);
      }
    }
  }

  /**
   * Writes the member's current state into its Node, with an Event, when the
   * store holds another. False when it could not (no Node yet, conflicts).
   */
  async #record(name: string, signal: AbortSignal): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !signal.aborted; attempt++) {
      const member = this.deps.gossip.members().find((m) => m.name === name);
      if (!member) return true; // forgotten: the stored state stays
      const node = await this.deps.objects.getInternal('Node', undefined, name, { fresh: attempt > 0 });
      if (!node) return false; // not registered yet
      const stored = (node.status as { gossip?: NodeGossip } | undefined)?.gossip;
      // only state changes are written (an incarnation bump alone is not worth a store write)
      if (stored?.state === member.state) return true;
      const gossip: NodeGossip = { state: member.state, since: new Date(member.since).toISOString(), incarnation: member.incarnation };
      const res = await this.deps.objects.systemCommit({
        update: { object: node, status: { ...(node.status as object), gossip } },
        create: [this.#event(node, member, stored?.state)],
        guard: [this.#leadership!.guard()],
      });
      if (res.succeeded) {
        this.deps.log.info({ member: name, state: member.state, previous: stored?.state, incarnation: member.incarnation }, 'gossip state recorded');
        return true;
      }
    }
    return signal.aborted;
  }

  #event(node: ResourceObject, m: GossipMember, previous: GossipState | undefined): Record<string, unknown> {
    const r = REASONS[m.state];
    return newEvent(node.metadata.name, 'system', { 'flotilla.io/node': node.metadata.name }, {
      type: r.type,
      reason: r.reason,
      message: `node ${node.metadata.name} ${r.says}${previous ? ` (was ${previous})` : ''}, as seen by the failure detector of ${this.deps.node}`,
      source: { component: 'gossip', node: this.deps.node },
      involvedObject: { kind: 'Node', name: node.metadata.name },
      data: { state: m.state, previous: previous ?? null, incarnation: m.incarnation, since: new Date(m.since).toISOString() },
    });
  }
}
