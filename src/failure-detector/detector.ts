// The gossip failure detector's facade: SWIM (Das, Gupta, Motivala 2002) with
// Lifeguard (Dadgar, Phillips, Currey 2018), following HashiCorp memberlist.
// It owns the member table (members.ts), the prober (probe.ts), suspicion
// timers (suspicion.ts), local health (awareness.ts) and the broadcast queue
// (broadcast-queue.ts), and the addresses of dead members (reconnect-list.ts),
// and runs four loops on the injected Clock: probe, gossip (only while
// broadcasts are queued), push-pull, and reconnect (only while some member is
// dead). All protocol handling is synchronous inside timer callbacks and the
// transport handler, so a simulation drives it without flushing microtasks;
// only join() and leave() hand out promises.
//
// Default tuning (defaultClusterConfig().gossip), chosen with the simulation
// in test/failure-detector/simulation.test.ts (numbers below are from it):
//   probeInterval 600ms, probeTimeout 150ms: someone probes a crashed member
//     within ~400-550 ms on average, and its probe fails 375 ms after the ping
//     (probeTimeout plus the indirect window, tuning.ts indirectWindowMs, not
//     the end of the interval as in memberlist). Idle cost: a ping and an ack
//     per interval, ~3.3 packets/s sent per member, and about four process
//     wake-ups per interval, which is what an idle member's CPU goes on
//     (300 ms detected ~0.3 s sooner at twice the idle CPU).
//   suspicionMult 1, suspicionMaxTimeoutMult 6: min suspicion 600 ms (up to
//     10 members, 1.2 s at 100), max 3.6 s. A real failure is confirmed by
//     the other members' own failed probes (K = min(2, n − 2), see tuning.ts;
//     a member told of a suspicion probes the suspect at its next tick,
//     probe.ts expedite), which brings the timeout to the min: median
//     all-survivors detection is ~1.45 s at 3 members, ~1.25 s at 10, ~2.3 s
//     at 100. A lone false suspicion from a lossy link waits up to the max,
//     time for the accused to hear of it (the expedited probes carry it) and
//     refute.
//   indirectChecks 3: memberlist's value; with 20 % loss a probe fails
//     falsely only if the direct round trip and all three relays fail.
//   retransmitMult 8 (memberlist: 4): a broadcast is sent 8 × ceil(log10(n+1))
//     times. With 4, a refutation sometimes died out before reaching every
//     suspecter at 20-30 % loss (2-26 false deaths per 30 simulated minutes);
//     with 8 there were none at 3 and 10 members. Extra transmits cost only
//     while there is news; they ride on pings and acks first.
//   gossipInterval 100ms, gossipNodes 3: fast dissemination; the gossip loop
//     runs only while broadcasts are queued, so an idle member never wakes
//     for it.
//   pushPullInterval 30s: anti-entropy; negligible cost, scaled up above 32
//     members like memberlist. Also the reconnect interval (tuning.ts
//     reconnectIntervalMs): partitions heal within about one interval after
//     they end, however long they lasted (up to the 24 h reconnect timeout).
//   awarenessMaxMultiplier 8: memberlist's value.

import { IllegalStateError, UnavailableError } from '../errors.js';
import type { Clock, Timer } from '../lib/clock.js';
import { Awareness } from './awareness.js';
import { BroadcastQueue } from './broadcast-queue.js';
import { isLive, MemberTable, type Member, type MemberEvent, type MemberState } from './members.js';
import {
  COMPOUND_HEADER_BYTES,
  COMPOUND_PART_OVERHEAD,
  decodeMessage,
  encodeCompound,
  encodeMessage,
  MalformedMessageError,
  MessageEncodeError,
  MAX_COMPOUND_PARTS,
  MAX_STRING_BYTES,
  type AliveMessage,
  type BroadcastMessage,
  type DeadMessage,
  type PushPullEntry,
  type PushPullMessage,
  type SimpleMessage,
  type SuspectMessage,
} from './messages.js';
import { pickRandom, Prober, type ProbeCounters } from './probe.js';
import { ReconnectList } from './reconnect-list.js';
import { Suspicion } from './suspicion.js';
import type { Delivery, Transport } from './transport.js';
import {
  checkTuning,
  forgetAfterMs,
  gossipToTheDeadMs,
  MAX_RECONNECT_MEMBERS,
  pushPullIntervalMs,
  RECONNECT_TIMEOUT_MS,
  reconnectIntervalMs,
  retransmitLimit,
  streamTimeoutMs,
  suspicionConfirmations,
  suspicionTimeoutsMs,
  type GossipTuning,
} from './tuning.js';

export type { GossipTuning } from './tuning.js';
export type { Member, MemberEvent, MemberState } from './members.js';

export interface DetectorLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface DetectorStats {
  readonly packetsSent: number;
  readonly packetsReceived: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** payloads dropped because they did not decode */
  readonly malformed: number;
  readonly probes: number;
  readonly probeFailures: number;
  /** probes that needed ping-req */
  readonly indirectProbes: number;
  /** suspect messages this member originated after a failed probe */
  readonly suspicionsRaised: number;
  /** times this member refuted a claim about itself */
  readonly refutations: number;
  readonly streamsSent: number;
  readonly streamsFailed: number;
  /** the Lifeguard awareness score: 0 is healthy */
  readonly health: number;
}

export interface DetectorOptions {
  readonly name: string;
  readonly transport: Transport;
  readonly clock: Clock;
  readonly tuning: GossipTuning;
  /** uniform in [0, 1); the only source of randomness; default Math.random */
  readonly random?: () => number;
  readonly log?: DetectorLogger;
}

type State = 'idle' | 'running' | 'leaving' | 'stopped';
type Loop = 'probe' | 'gossip' | 'push-pull' | 'reconnect';
type Counters = { -readonly [K in keyof Omit<DetectorStats, 'health'>]: number } & ProbeCounters;

function isBroadcast(m: SimpleMessage): m is BroadcastMessage {
  return m.type === 'alive' || m.type === 'suspect' || m.type === 'dead';
}

const silentLog: DetectorLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const encoder = new TextEncoder();

export class Detector implements AsyncDisposable {
  readonly #name: string;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #log: DetectorLogger;
  #tuning: GossipTuning;
  #state: State = 'idle';
  #table: MemberTable | undefined;
  readonly #queue = new BroadcastQueue();
  readonly #awareness: Awareness;
  readonly #prober: Prober;
  readonly #suspicions = new Map<string, Suspicion>();
  /** members declared dead (never those that left) until alive again or the reconnect timeout */
  readonly #reconnect = new ReconnectList({ timeoutMs: RECONNECT_TIMEOUT_MS, maxEntries: MAX_RECONNECT_MEMBERS });
  readonly #loops = new Map<Loop, Timer>();
  readonly #listeners = new Set<(e: MemberEvent) => void>();
  /** push-pull seq → settles one seed of a join */
  readonly #joins = new Map<number, (failure?: string) => void>();
  #pushPullSeq = 0;
  #finishLeave: (() => void) | undefined;
  #leaving: Promise<void> | undefined;
  readonly #counters: Counters = {
    packetsSent: 0,
    packetsReceived: 0,
    bytesSent: 0,
    bytesReceived: 0,
    malformed: 0,
    probes: 0,
    probeFailures: 0,
    indirectProbes: 0,
    suspicionsRaised: 0,
    refutations: 0,
    streamsSent: 0,
    streamsFailed: 0,
  };

  constructor(opts: DetectorOptions) {
    const nameBytes = encoder.encode(opts.name).length;
    if (nameBytes === 0 || nameBytes > MAX_STRING_BYTES) throw new RangeError(`gossip member name '${opts.name.slice(0, 32)}' must be 1 to ${MAX_STRING_BYTES} bytes`);
    checkTuning(opts.tuning);
    this.#name = opts.name;
    this.#transport = opts.transport;
    this.#clock = opts.clock;
    this.#tuning = opts.tuning;
    this.#random = opts.random ?? Math.random;
    this.#log = opts.log ?? silentLog;
    this.#awareness = new Awareness(opts.tuning.awarenessMaxMultiplier);
    this.#prober = new Prober({
      clock: this.#clock,
      awareness: this.#awareness,
      counters: this.#counters,
      random: () => this.#random(),
      tuning: () => this.#tuning,
      self: () => this.#members().self(),
      member: (name) => this.#members().get(name),
      probeable: () => this.#members().others((m) => isLive(m.state)),
      helpers: (except) => this.#members().others((m) => m.state === 'alive' && m.name !== except),
      send: (address, message, first) => this.#send(address, message, first),
      suspectMessage: (target) => encodeMessage({ type: 'suspect', name: target.name, incarnation: target.incarnation, from: this.#name }),
      probeFailed: (target) => this.#probeFailed(target),
      roundDone: () => this.#forgetOld(),
    });
  }

  /** this member becomes alive at incarnation 0 and the loops begin */
  start(): void {
    if (this.#state !== 'idle') throw new IllegalStateError(`gossip detector ${this.#name} is ${this.#state}`);
    this.#table = new MemberTable(this.#name, this.#transport.address, this.#clock.now());
    this.#state = 'running';
    this.#transport.setHandler((payload, from, via) => this.#onPayload(payload, from, via));
    const t = this.#tuning;
    // staggered like memberlist, so members started together do not tick together
    this.#schedule('probe', this.#random() * t.probeIntervalMs, () => this.#probeTick());
    this.#schedule('push-pull', this.#random() * t.pushPullIntervalMs, () => this.#pushPullTick());
    this.#log.info({ member: this.#name, address: this.#transport.address }, 'gossip detector started');
  }

  /**
   * Push-pull with every seed in parallel; resolves with how many answered,
   * rejects only when none did. Our own address among the seeds is skipped;
   * with no other seed it resolves 0.
   */
  join(seeds: readonly string[], opts: { timeoutMs?: number } = {}): Promise<number> {
    if (this.#state !== 'running') return Promise.reject(new IllegalStateError(`gossip detector ${this.#name} is ${this.#state}`));
    const targets = [...new Set(seeds)].filter((s) => s !== this.#transport.address);
    if (targets.length === 0) return Promise.resolve(0);
    const timeoutMs = opts.timeoutMs ?? streamTimeoutMs(this.#tuning);
    return new Promise<number>((resolve, reject) => {
      const reasons: string[] = [];
      let answered = 0;
      let pending = targets.length;
      const seqs: number[] = [];
      const settle = (seed: string, seq: number, failure: string | undefined) => {
        if (!this.#joins.delete(seq)) return;
        if (failure === undefined) answered++;
        else reasons.push(`${seed}: ${failure}`);
        if (--pending > 0) return;
        timer.cancel();
        if (answered > 0) {
          this.#log.info({ answered, seeds: targets }, 'gossip joined');
          resolve(answered);
        } else reject(new UnavailableError(`gossip join: no seed answered (${reasons.join('; ')})`));
      };
      const timer = this.#clock.setTimer(timeoutMs, () => {
        for (const [i, seq] of seqs.entries()) settle(targets[i], seq, `no answer within ${timeoutMs}ms`);
      });
      for (const seed of targets) {
        const seq = this.#nextPushPullSeq();
        seqs.push(seq);
        this.#joins.set(seq, (failure) => settle(seed, seq, failure));
        this.#sendPushPull(seed, { join: true, reply: false, seq }, timeoutMs, (err) => settle(seed, seq, err));
      }
    });
  }

  /**
   * Announces a graceful leave (a dead message about ourselves, from
   * ourselves) and keeps gossiping until it was sent often enough or
   * timeoutMs passed; then goes silent. Idempotent.
   */
  leave(opts: { timeoutMs: number }): Promise<void> {
    if (this.#leaving) return this.#leaving;
    if (this.#state !== 'running') {
      this.#halt();
      return Promise.resolve();
    }
    this.#state = 'leaving';
    const me = this.#members().markSelfLeft(this.#clock.now());
    this.#log.info({ member: this.#name, incarnation: me.incarnation }, 'gossip member leaving');
    const anyone = this.#members().others((m) => isLive(m.state)).length > 0;
    this.#leaving = new Promise<void>((resolve) => {
      this.#finishLeave = resolve;
      if (!anyone) {
        this.#halt();
        return;
      }
      const timer = this.#clock.setTimer(opts.timeoutMs, () => this.#halt());
      const dead: DeadMessage = { type: 'dead', name: this.#name, incarnation: me.incarnation, from: this.#name };
      this.#queue.enqueue(this.#name, encodeMessage(dead), {
        onDone: () => {
          timer.cancel();
          this.#halt();
        },
      });
      this.#armGossip();
    });
    return this.#leaving;
  }

  /** goes silent at once: every timer cancelled, nothing sent or handled; idempotent */
  async stop(): Promise<void> {
    this.#halt();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** every member we know, self and not yet forgotten dead and left members included */
  members(): Member[] {
    return this.#table?.list() ?? [];
  }

  /** one event per state change of another member, and one when first seen */
  subscribe(fn: (e: MemberEvent) => void): () => void {
    this.#listeners.add(fn);
    return () => void this.#listeners.delete(fn);
  }

  /** takes effect from the next round of each loop */
  setTuning(t: GossipTuning): void {
    checkTuning(t);
    this.#tuning = t;
    this.#awareness.setMaxMultiplier(t.awarenessMaxMultiplier);
  }

  stats(): DetectorStats {
    const c = this.#counters;
    return { ...c, health: this.#awareness.score };
  }

  // ------------------------------------------------------------ loops

  #active(): boolean {
    return this.#state === 'running' || this.#state === 'leaving';
  }

  #schedule(loop: Loop, ms: number, fn: () => void): void {
    this.#loops.set(
      loop,
      this.#clock.setTimer(ms, () => {
        if (this.#active()) fn();
      }),
    );
  }

  #probeTick(): void {
    this.#prober.probeNext();
    if (this.#active()) this.#schedule('probe', this.#awareness.scaleTimeout(this.#tuning.probeIntervalMs), () => this.#probeTick());
  }

  /** the gossip loop runs only while broadcasts are queued, so an idle member does not wake for it */
  #gossipTick(): void {
    this.#gossip();
    if (this.#active() && this.#queue.length > 0) this.#schedule('gossip', this.#tuning.gossipIntervalMs, () => this.#gossipTick());
    else this.#loops.delete('gossip');
  }

  #armGossip(): void {
    if (this.#active() && !this.#loops.has('gossip')) this.#schedule('gossip', 0, () => this.#gossipTick());
  }

  #pushPullTick(): void {
    this.#pushPullRound();
    if (this.#active()) this.#schedule('push-pull', pushPullIntervalMs(this.#tuning, this.#members().liveCount()), () => this.#pushPullTick());
  }

  /** sends queued broadcasts to gossipNodes random live (or recently dead) members; nothing when the queue is empty */
  #gossip(): void {
    if (this.#queue.length === 0) return;
    const deadSince = this.#clock.now() - gossipToTheDeadMs(this.#tuning);
    const candidates = this.#members().others((m) => isLive(m.state) || (m.state === 'dead' && m.since >= deadSince));
    const limit = retransmitLimit(this.#tuning, this.#members().liveCount());
    for (const target of pickRandom(candidates, this.#tuning.gossipNodes, this.#random)) {
      const parts = this.#queue.take(this.#transport.maxPacketPayload - COMPOUND_HEADER_BYTES, COMPOUND_PART_OVERHEAD, limit, MAX_COMPOUND_PARTS);
      if (parts.length === 0) break;
      this.#sendRaw(target.address, parts.length === 1 ? parts[0] : encodeCompound(parts));
    }
  }

  /** full state sync with one random alive member (memberlist pushPull); dead members are the reconnect loop's */
  #pushPullRound(): void {
    for (const m of pickRandom(this.#members().others((m) => m.state === 'alive'), 1, this.#random)) {
      this.#sendPushPull(m.address, { join: false, reply: false, seq: this.#nextPushPullSeq() }, streamTimeoutMs(this.#tuning));
    }
  }

  /** the reconnect loop runs only while some member is dead, so an idle healthy cluster never wakes for it */
  #reconnectTick(): void {
    this.#reconnectRound();
    if (this.#active() && this.#reconnect.size > 0) this.#schedule('reconnect', reconnectIntervalMs(this.#tuning), () => this.#reconnectTick());
    else this.#loops.delete('reconnect');
  }

  /** started at a random point of the interval, so members that saw the same death do not try it together */
  #armReconnect(): void {
    if (this.#active() && !this.#loops.has('reconnect')) this.#schedule('reconnect', this.#random() * reconnectIntervalMs(this.#tuning), () => this.#reconnectTick());
  }

  /**
   * Serf reconnect: with probability failed / live, a push-pull with one
   * random dead member's address, even long after the table forgot it. Its
   * side of a partition may be alive and hold us dead; the exchange makes
   * both sides refute (or re-learn each other) and gossip does the rest. The
   * probability keeps it to about one attempt per dead member per interval
   * across the whole cluster, so a big cluster does not hammer an address
   * that is really gone.
   */
  #reconnectRound(): void {
    for (const name of this.#reconnect.expire(this.#clock.now())) this.#log.debug({ member: name }, 'gossip member dead too long; no longer reconnecting');
    const failed = this.#reconnect.size;
    if (failed === 0 || this.#random() >= failed / this.#members().liveCount()) return;
    const target = this.#reconnect.pick(this.#random);
    if (target === undefined) return;
    this.#log.debug({ member: target.name, address: target.address }, 'gossip reconnecting to a dead member');
    this.#sendPushPull(target.address, { join: false, reply: false, seq: this.#nextPushPullSeq() }, streamTimeoutMs(this.#tuning));
  }

  #forgetOld(): void {
    const gone = this.#members().forget(this.#clock.now() - forgetAfterMs(this.#tuning));
    for (const name of gone) this.#log.debug({ member: name }, 'gossip member forgotten');
  }

  // ------------------------------------------------------------ sending

  /** one packet: `message`, then `first` (buddy system), then as many queued broadcasts as fit */
  #send(address: string, message: Uint8Array, first?: Uint8Array): void {
    const fixed = first === undefined ? [message] : [message, first];
    let room = this.#transport.maxPacketPayload - COMPOUND_HEADER_BYTES;
    for (const p of fixed) room -= COMPOUND_PART_OVERHEAD + p.length;
    const limit = retransmitLimit(this.#tuning, this.#members().liveCount());
    const extra = room > COMPOUND_PART_OVERHEAD ? this.#queue.take(room, COMPOUND_PART_OVERHEAD, limit, MAX_COMPOUND_PARTS - fixed.length) : [];
    const parts = extra.length === 0 ? fixed : [...fixed, ...extra];
    this.#sendRaw(address, parts.length === 1 ? message : encodeCompound(parts));
  }

  #sendRaw(address: string, payload: Uint8Array): void {
    this.#counters.packetsSent++;
    this.#counters.bytesSent += payload.length;
    this.#transport.sendPacket(address, payload);
  }

  #sendPushPull(address: string, head: { join: boolean; reply: boolean; seq: number }, timeoutMs: number, onFail?: (reason: string) => void): void {
    const me = this.#members().self();
    const members: PushPullEntry[] = this.#members().list();
    const payload = encodeMessage({ type: 'push-pull', ...head, source: me.name, sourceAddress: me.address, members } satisfies PushPullMessage);
    this.#counters.streamsSent++;
    this.#counters.bytesSent += payload.length;
    this.#transport.sendStream(address, payload, timeoutMs).then(
      () => undefined,
      (err: unknown) => {
        this.#counters.streamsFailed++;
        const reason = err instanceof Error ? err.message : String(err);
        this.#log.debug({ to: address, reason }, 'gossip push-pull failed');
        onFail?.(reason);
      },
    );
  }

  #broadcast(m: BroadcastMessage): void {
    this.#queue.enqueue(m.name, encodeMessage(m));
    this.#armGossip();
    // memberlist checkBroadcastQueueDepth: bound the queue under churn
    this.#queue.prune(Math.max(1024, 2 * this.#members().liveCount()));
  }

  #nextPushPullSeq(): number {
    this.#pushPullSeq = (this.#pushPullSeq + 1) >>> 0;
    return this.#pushPullSeq;
  }

  // ------------------------------------------------------------ receiving

  #onPayload(payload: Uint8Array, from: string, via: Delivery): void {
    if (!this.#active()) return;
    if (via === 'packet') this.#counters.packetsReceived++;
    this.#counters.bytesReceived += payload.length;
    let msg;
    try {
      msg = decodeMessage(payload);
    } catch (err) {
      if (!(err instanceof MalformedMessageError)) throw err;
      this.#counters.malformed++;
      this.#log.debug({ from, via, reason: err.message }, 'gossip payload dropped');
      return;
    }
    try {
      if (msg.type !== 'compound') {
        this.#handle(msg);
        return;
      }
      // state news first, so the replies to the primary message (an ack to a
      // buddy-system ping) already carry our refutation
      for (const m of msg.messages) if (isBroadcast(m) && this.#active()) this.#handle(m);
      for (const m of msg.messages) if (!isBroadcast(m) && this.#active()) this.#handle(m);
    } catch (err) {
      // e.g. an incarnation pushed to 2^32 − 1 that we cannot refute above
      if (!(err instanceof MessageEncodeError)) throw err;
      this.#counters.malformed++;
      this.#log.warn({ from, via, reason: err.message }, 'gossip payload could not be answered');
    }
  }

  #handle(m: SimpleMessage): void {
    switch (m.type) {
      case 'ping':
        if (!this.#prober.onPing(m)) this.#log.debug({ target: m.target, from: m.source }, 'gossip ping for another member dropped');
        return;
      case 'ping-req':
        this.#prober.onPingReq(m);
        return;
      case 'ack':
        this.#prober.onAck(m.seq);
        return;
      case 'nack':
        this.#prober.onNack(m.seq);
        return;
      case 'alive':
        this.#onAlive(m);
        return;
      case 'suspect':
        this.#onSuspect(m);
        return;
      case 'dead':
        this.#onDead(m);
        return;
      case 'push-pull':
        this.#onPushPull(m);
        return;
    }
  }

  #onAlive(m: AliveMessage): void {
    const r = this.#members().applyAlive(m.name, m.address, m.incarnation, this.#clock.now());
    if (r.kind === 'refute') this.#refute(r.incarnation, 'alive');
    if (r.kind !== 'changed') return;
    this.#cancelSuspicion(m.name);
    this.#reconnect.remove(m.name);
    if (r.previous === undefined) this.#prober.add(m.name);
    this.#broadcast(m);
    if (r.previous !== 'alive') this.#emit(r.member, r.previous);
  }

  #onSuspect(m: SuspectMessage): void {
    const r = this.#members().applySuspect(m.name, m.incarnation, this.#clock.now());
    switch (r.kind) {
      case 'refute':
        this.#refute(r.incarnation, 'suspect');
        return;
      case 'reassert':
        this.#reassert();
        return;
      case 'confirm':
        if (this.#suspicions.get(m.name)?.confirm(m.from)) this.#broadcast(m);
        return;
      case 'changed':
        this.#broadcast(m);
        this.#startSuspicion(r.member, m.from);
        if (m.from !== this.#name) this.#prober.expedite(m.name);
        this.#emit(r.member, r.previous);
        return;
      case 'ignored':
        return;
    }
  }

  #onDead(m: DeadMessage): void {
    const r = this.#members().applyDead(m.name, m.incarnation, m.from, this.#clock.now());
    if (r.kind === 'refute') this.#refute(r.incarnation, 'dead');
    if (r.kind === 'reassert') this.#reassert();
    if (r.kind !== 'changed') return;
    this.#cancelSuspicion(m.name);
    this.#trackDeath(r.member);
    this.#broadcast(m);
    this.#emit(r.member, r.previous);
  }

  /** a dead member's address is kept for reconnecting; a member that left said it is not coming back */
  #trackDeath(member: Member): void {
    if (member.state !== 'dead') {
      this.#reconnect.remove(member.name);
      return;
    }
    this.#reconnect.add(member.name, member.address, this.#clock.now());
    this.#armReconnect();
  }

  /** merges the remote state (memberlist mergeRemoteState), then answers a request with ours */
  #onPushPull(m: PushPullMessage): void {
    if (m.source === this.#name) return;
    for (const e of m.members) {
      if (!this.#active()) return;
      switch (e.state) {
        case 'alive':
          this.#onAlive({ type: 'alive', name: e.name, address: e.address, incarnation: e.incarnation });
          break;
        // memberlist: a remote "dead" only makes us suspect, so our own timer decides
        case 'suspect':
        case 'dead':
          this.#onSuspect({ type: 'suspect', name: e.name, incarnation: e.incarnation, from: this.#name });
          break;
        case 'left':
          this.#onDead({ type: 'dead', name: e.name, incarnation: e.incarnation, from: e.name });
          break;
      }
    }
    if (m.reply) this.#joins.get(m.seq)?.();
    else if (this.#active()) this.#sendPushPull(m.sourceAddress, { join: m.join, reply: true, seq: m.seq }, streamTimeoutMs(this.#tuning));
  }

  // ------------------------------------------------------------ suspicion

  #probeFailed(target: Member): void {
    this.#counters.suspicionsRaised++;
    this.#onSuspect({ type: 'suspect', name: target.name, incarnation: target.incarnation, from: this.#name });
  }

  #startSuspicion(member: Member, from: string): void {
    this.#cancelSuspicion(member.name);
    const n = this.#members().liveCount();
    const { minMs, maxMs } = suspicionTimeoutsMs(this.#tuning, n);
    const suspicion = new Suspicion({
      from,
      k: suspicionConfirmations(n),
      minMs,
      maxMs,
      clock: this.#clock,
      onTimeout: () => this.#suspicionTimedOut(member.name, member.incarnation),
    });
    this.#suspicions.set(member.name, suspicion);
  }

  #suspicionTimedOut(name: string, incarnation: number): void {
    this.#suspicions.delete(name);
    if (!this.#active()) return;
    const m = this.#members().get(name);
    if (m?.state !== 'suspect' || m.incarnation !== incarnation) return;
    this.#onDead({ type: 'dead', name, incarnation, from: this.#name });
  }

  #cancelSuspicion(name: string): void {
    const s = this.#suspicions.get(name);
    if (s === undefined) return;
    s.cancel();
    this.#suspicions.delete(name);
  }

  /** memberlist refute: broadcast ourselves alive above the accusation; Lifeguard counts it against our health */
  #refute(accused: number, claim: 'alive' | 'suspect' | 'dead'): void {
    if (this.#state !== 'running') return;
    const me = this.#members().refute(accused);
    this.#awareness.applyDelta(1);
    this.#counters.refutations++;
    this.#log.info({ member: this.#name, claim, accused, incarnation: me.incarnation }, 'gossip refuting a claim about this member');
    this.#broadcast({ type: 'alive', name: me.name, address: me.address, incarnation: me.incarnation });
  }

  /**
   * Someone still holds an old suspicion or death of ours: our refutation
   * missed them. Queue our current alive again (no new incarnation, no health
   * penalty) so it rides on the very ack we send them and on gossip. Not in
   * memberlist, which relies on its longer timeouts; it keeps a lossy
   * network from turning one missed refutation into a false death.
   */
  #reassert(): void {
    if (this.#state !== 'running') return;
    const me = this.#members().self();
    this.#broadcast({ type: 'alive', name: me.name, address: me.address, incarnation: me.incarnation });
  }

  // ------------------------------------------------------------ plumbing

  #emit(member: Member, previous: MemberState | undefined): void {
    this.#log.info({ member: member.name, state: member.state, previous: previous ?? null, incarnation: member.incarnation }, 'gossip member state changed');
    for (const fn of this.#listeners) {
      try {
        fn({ member, previous });
      } catch (err) {
        this.#log.warn({ err }, 'gossip member event listener threw');
      }
    }
  }

  #members(): MemberTable {
    if (this.#table === undefined) throw new IllegalStateError(`gossip detector ${this.#name} is not started`);
    return this.#table;
  }

  /** goes silent synchronously: loops, probes and suspicions cancelled, pending joins and leave settled */
  #halt(): void {
    if (this.#state === 'stopped') return;
    const wasActive = this.#active();
    this.#state = 'stopped';
    for (const t of this.#loops.values()) t.cancel();
    this.#loops.clear();
    for (const s of this.#suspicions.values()) s.cancel();
    this.#suspicions.clear();
    this.#prober.cancelAll();
    this.#queue.clear();
    for (const settle of [...this.#joins.values()]) settle('gossip detector stopped');
    this.#finishLeave?.();
    if (wasActive) this.#log.info({ member: this.#name }, 'gossip detector stopped');
  }
}
