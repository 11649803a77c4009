// A simulated cluster: N detectors over one MemoryNetwork on one
// VirtualClock, with a seeded PRNG per member and one for the network, plus
// the faults the simulation tests need (crash, pause, partition, restart)
// and an event log per observer to measure detection times exactly.

import { Detector, type DetectorLogger, type GossipTuning, type MemberEvent, type MemberState } from '../../../src/failure-detector/detector.js';
import { MemoryNetwork, type MemoryTransport } from '../../../src/failure-detector/memory-transport.js';
import { parseDuration } from '../../../src/lib/duration.js';
import { defaultClusterConfig } from '../../../src/resources/kinds/config.js';
import { deriveSeed, mulberry32 } from './prng.js';
import { type MemberClock, VirtualClock } from './virtual-clock.js';

export interface SimOptions {
  readonly n: number;
  readonly seed: number;
  readonly tuning?: GossipTuning;
  readonly loss?: number;
  readonly delayMs?: number | { readonly min: number; readonly max: number };
  /** a logger per member, for debugging a scenario */
  readonly log?: (name: string) => DetectorLogger | undefined;
}

export interface ObservedEvent {
  readonly at: number;
  readonly observer: string;
  readonly target: string;
  readonly state: MemberState;
  readonly previous: MemberState | undefined;
  readonly incarnation: number;
}

export interface SimNode {
  readonly name: string;
  readonly address: string;
  detector: Detector;
  clock: MemberClock;
  transport: MemoryTransport;
  /** target → the first time this node saw it dead or left (since the last reset) */
  readonly firstDead: Map<string, number>;
  crashed: boolean;
}

/** the default tuning, from the cluster Config defaults, in milliseconds */
export function defaultTuning(): GossipTuning {
  const g = defaultClusterConfig().gossip;
  const ms = (s: string) => {
    const v = parseDuration(s);
    if (v === undefined) throw new Error(`bad duration ${s}`);
    return v;
  };
  return {
    probeIntervalMs: ms(g.probeInterval),
    probeTimeoutMs: ms(g.probeTimeout),
    suspicionMult: g.suspicionMult,
    suspicionMaxTimeoutMult: g.suspicionMaxTimeoutMult,
    indirectChecks: g.indirectChecks,
    retransmitMult: g.retransmitMult,
    gossipIntervalMs: ms(g.gossipInterval),
    gossipNodes: g.gossipNodes,
    pushPullIntervalMs: ms(g.pushPullInterval),
    awarenessMaxMultiplier: g.awarenessMaxMultiplier,
  };
}

export function nodeName(i: number): string {
  return `m${String(i).padStart(3, '0')}`;
}

export class SimCluster {
  readonly clock = new VirtualClock();
  readonly network: MemoryNetwork;
  readonly tuning: GossipTuning;
  readonly nodes = new Map<string, SimNode>();
  readonly events: ObservedEvent[] = [];
  readonly #seed: number;
  readonly #log: SimOptions['log'];
  #spawned = 0;

  constructor(opts: SimOptions) {
    this.#seed = opts.seed;
    this.#log = opts.log;
    this.tuning = opts.tuning ?? defaultTuning();
    this.network = new MemoryNetwork({ clock: this.clock, random: mulberry32(deriveSeed(opts.seed, 1_000_000)), loss: opts.loss ?? 0, delayMs: opts.delayMs ?? { min: 0.2, max: 2 } });
    for (let i = 0; i < opts.n; i++) this.#spawn(nodeName(i), `10.0.${i >> 8}.${i & 255}:7946`);
  }

  /** a cluster whose members all joined through the first and see each other alive */
  static async formed(opts: SimOptions): Promise<SimCluster> {
    const c = new SimCluster(opts);
    const [first, ...rest] = [...c.nodes.values()];
    const joins = rest.map((n) => n.detector.join([first.address]));
    c.run(3_000);
    await Promise.all(joins);
    const converged = c.runUntil(() => c.converged(), 120_000);
    if (converged === undefined) throw new Error(`simulated cluster of ${opts.n} did not converge`);
    return c;
  }

  get(name: string): SimNode {
    const n = this.nodes.get(name);
    if (n === undefined) throw new Error(`no simulated member ${name}`);
    return n;
  }

  live(): SimNode[] {
    return [...this.nodes.values()].filter((n) => !n.crashed);
  }

  /** runs the simulation for ms of virtual time */
  run(ms: number): void {
    this.clock.advance(ms);
  }

  /** runs in steps until pred holds; returns the virtual time it took, or undefined after maxMs */
  runUntil(pred: () => boolean, maxMs: number, stepMs = 50): number | undefined {
    const start = this.clock.now();
    while (!pred()) {
      if (this.clock.now() - start >= maxMs) return undefined;
      this.clock.advance(stepMs);
    }
    return this.clock.now() - start;
  }

  /** what `observer` thinks of `target` */
  stateOf(observer: string, target: string): MemberState | undefined {
    return this.get(observer).detector.members().find((m) => m.name === target)?.state;
  }

  /** every live member sees every live member alive */
  converged(): boolean {
    const live = this.live();
    return live.every((o) => {
      const seen = new Map(o.detector.members().map((m) => [m.name, m.state]));
      return live.every((t) => seen.get(t.name) === 'alive');
    });
  }

  /** every live member other than `target` sees it in `state` */
  allSee(target: string, state: MemberState): boolean {
    return this.live().every((o) => o.name === target || this.stateOf(o.name, target) === state);
  }

  crash(name: string): void {
    const n = this.get(name);
    n.crashed = true;
    this.network.crash(n.address);
    n.clock.kill();
  }

  pause(name: string): void {
    const n = this.get(name);
    this.network.pause(n.address);
    n.clock.pause();
  }

  resume(name: string): void {
    const n = this.get(name);
    n.clock.resume();
    this.network.resume(n.address);
  }

  /** the crashed member comes back under the same name and address at incarnation 0 and joins through the others */
  restart(name: string): Promise<number> {
    const old = this.get(name);
    if (!old.crashed) this.crash(name);
    const fresh = this.#spawn(name, old.address);
    return fresh.detector.join(this.live().filter((n) => n.name !== name).map((n) => n.address).slice(0, 3));
  }

  /** adds and starts a new member (not joined yet) */
  add(name: string): SimNode {
    return this.#spawn(name, `10.1.0.${this.#spawned & 255}:7946`);
  }

  #spawn(name: string, address: string): SimNode {
    const i = this.#spawned++;
    const clock = this.clock.view();
    const transport = this.network.attach(address);
    const detector = new Detector({ name, transport, clock, tuning: this.tuning, random: mulberry32(deriveSeed(this.#seed, i)), log: this.#log?.(name) });
    const node: SimNode = { name, address, detector, clock, transport, firstDead: new Map(), crashed: false };
    detector.subscribe((e: MemberEvent) => {
      const at = this.clock.now();
      this.events.push({ at, observer: name, target: e.member.name, state: e.member.state, previous: e.previous, incarnation: e.member.incarnation });
      if ((e.member.state === 'dead' || e.member.state === 'left') && !node.firstDead.has(e.member.name)) node.firstDead.set(e.member.name, at);
    });
    this.nodes.set(name, node);
    detector.start();
    return node;
  }
}
