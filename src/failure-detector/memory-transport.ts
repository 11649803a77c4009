// An in-memory network of Transports for deterministic tests and
// simulations: per-link loss, fixed or random delay, partitions, paused
// members (deliveries queue up and arrive on resume, like a GC pause or
// SIGSTOP) and crashed members (silent forever). Every delivery is a timer
// on the injected Clock and every random choice comes from the injected
// random source, so a seeded run is exactly reproducible.

import { UnavailableError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Delivery, Transport, TransportHandler } from './transport.js';

export interface MemoryNetworkOptions {
  readonly clock: Clock;
  /** uniform in [0, 1); default Math.random */
  readonly random?: () => number;
  /** default 1400, like a UDP payload that fits an Ethernet frame */
  readonly maxPacketPayload?: number;
  /** one-way delay of every delivery: a fixed number or a uniform range; default 0 */
  readonly delayMs?: number | { readonly min: number; readonly max: number };
  /** loss probability of every packet (streams are reliable); default 0 */
  readonly loss?: number;
}

export interface MemoryNetworkStats {
  packetsSent: number;
  packetsDelivered: number;
  packetsDropped: number;
  /** packets over maxPacketPayload (a sender bug; also counted in packetsDropped) */
  packetsOversized: number;
  streamsSent: number;
  streamsFailed: number;
}

interface Queued {
  readonly payload: Uint8Array;
  readonly from: string;
  readonly via: Delivery;
}

export class MemoryNetwork {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #maxPacketPayload: number;
  #delay: number | { readonly min: number; readonly max: number };
  #loss: number;
  readonly #linkLoss = new Map<string, number>();
  readonly #nodes = new Map<string, MemoryTransport>();
  readonly #crashed = new Set<string>();
  readonly #paused = new Map<string, Queued[]>();
  /** address → partition group id; members in different groups cannot talk */
  readonly #groups = new Map<string, number>();
  readonly stats: MemoryNetworkStats = { packetsSent: 0, packetsDelivered: 0, packetsDropped: 0, packetsOversized: 0, streamsSent: 0, streamsFailed: 0 };

  constructor(opts: MemoryNetworkOptions) {
    this.#clock = opts.clock;
    this.#random = opts.random ?? Math.random;
    this.#maxPacketPayload = opts.maxPacketPayload ?? 1400;
    this.#delay = opts.delayMs ?? 0;
    this.#loss = opts.loss ?? 0;
  }

  /** a transport at `address`; an address whose member crashed may be reused (a restart) */
  attach(address: string): MemoryTransport {
    if (this.#nodes.has(address) && !this.#crashed.has(address)) throw new Error(`memory network: address ${address} is in use`);
    this.#crashed.delete(address);
    this.#paused.delete(address);
    const t = new MemoryTransport(this, address, this.#maxPacketPayload);
    this.#nodes.set(address, t);
    return t;
  }

  /** the loss probability of every link without its own */
  setLoss(p: number): void {
    this.#loss = p;
  }

  /** the loss probability of packets from `from` to `to` (one direction) */
  setLinkLoss(from: string, to: string, p: number): void {
    this.#linkLoss.set(`${from}\n${to}`, p);
  }

  setDelay(delayMs: number | { readonly min: number; readonly max: number }): void {
    this.#delay = delayMs;
  }

  /** splits the network: members of different groups cannot reach each other; unlisted members reach everyone */
  partition(...groups: readonly (readonly string[])[]): void {
    this.#groups.clear();
    groups.forEach((g, i) => g.forEach((a) => this.#groups.set(a, i)));
  }

  heal(): void {
    this.#groups.clear();
  }

  /** the member stops receiving: deliveries queue until resume() */
  pause(address: string): void {
    if (!this.#paused.has(address)) this.#paused.set(address, []);
  }

  /** delivers what queued while paused, in order */
  resume(address: string): void {
    const queued = this.#paused.get(address);
    this.#paused.delete(address);
    for (const q of queued ?? []) this.#clock.setTimer(0, () => this.#deliver(address, q));
  }

  /** the member is gone: nothing reaches it and nothing it sends goes out */
  crash(address: string): void {
    this.#crashed.add(address);
    this.#paused.delete(address);
  }

  isCrashed(address: string): boolean {
    return this.#crashed.has(address);
  }

  /** can a payload from `from` reach `to` now */
  reachable(from: string, to: string): boolean {
    if (this.#crashed.has(from) || this.#crashed.has(to) || !this.#nodes.has(to)) return false;
    const a = this.#groups.get(from);
    const b = this.#groups.get(to);
    return a === undefined || b === undefined || a === b;
  }

  sendPacket(from: string, to: string, payload: Uint8Array): void {
    this.stats.packetsSent++;
    const loss = this.#linkLoss.get(`${from}\n${to}`) ?? this.#loss;
    if (payload.length > this.#maxPacketPayload) this.stats.packetsOversized++;
    if (payload.length > this.#maxPacketPayload || !this.reachable(from, to) || (loss > 0 && this.#random() < loss)) {
      this.stats.packetsDropped++;
      return;
    }
    const copy = payload.slice();
    this.#clock.setTimer(this.#nextDelay(), () => this.#arrive(from, to, { payload: copy, from, via: 'packet' }));
  }

  sendStream(from: string, to: string, payload: Uint8Array, timeoutMs: number): Promise<void> {
    this.stats.streamsSent++;
    const delay = this.#nextDelay();
    return new Promise<void>((resolve, reject) => {
      if (!this.reachable(from, to)) {
        this.stats.streamsFailed++;
        // a crashed process refuses at once; a partition or unknown host times out
        const refused = this.#crashed.has(to) && !this.#crashed.has(from) && this.#groupsAllow(from, to);
        const wait = refused ? delay : timeoutMs;
        this.#clock.setTimer(wait, () => reject(new UnavailableError(`memory network: stream from ${from} to ${to}: ${refused ? 'connection refused' : 'timed out'}`)));
        return;
      }
      const copy = payload.slice();
      this.#clock.setTimer(delay, () => {
        // a partition or crash that began in flight still breaks the stream
        if (!this.reachable(from, to)) {
          this.stats.streamsFailed++;
          reject(new UnavailableError(`memory network: stream from ${from} to ${to}: connection reset`));
          return;
        }
        this.#arrive(from, to, { payload: copy, from, via: 'stream' });
        resolve();
      });
    });
  }

  #groupsAllow(from: string, to: string): boolean {
    const a = this.#groups.get(from);
    const b = this.#groups.get(to);
    return a === undefined || b === undefined || a === b;
  }

  #arrive(from: string, to: string, q: Queued): void {
    // checked again on arrival: a partition or crash may have begun in flight
    if (q.via === 'packet' && !this.reachable(from, to)) {
      this.stats.packetsDropped++;
      return;
    }
    const queue = this.#paused.get(to);
    if (queue !== undefined) queue.push(q);
    else this.#deliver(to, q);
  }

  #deliver(to: string, q: Queued): void {
    if (this.#crashed.has(to)) return;
    if (q.via === 'packet') this.stats.packetsDelivered++;
    this.#nodes.get(to)?.deliver(q.payload, q.from, q.via);
  }

  #nextDelay(): number {
    const d = this.#delay;
    return typeof d === 'number' ? d : d.min + this.#random() * (d.max - d.min);
  }
}

export class MemoryTransport implements Transport {
  readonly #network: MemoryNetwork;
  readonly address: string;
  readonly maxPacketPayload: number;
  #handler: TransportHandler | undefined;

  constructor(network: MemoryNetwork, address: string, maxPacketPayload: number) {
    this.#network = network;
    this.address = address;
    this.maxPacketPayload = maxPacketPayload;
  }

  sendPacket(to: string, payload: Uint8Array): void {
    this.#network.sendPacket(this.address, to, payload);
  }

  sendStream(to: string, payload: Uint8Array, timeoutMs: number): Promise<void> {
    return this.#network.sendStream(this.address, to, payload, timeoutMs);
  }

  setHandler(handler: TransportHandler): void {
    this.#handler = handler;
  }

  /** called by the network */
  deliver(payload: Uint8Array, from: string, via: Delivery): void {
    this.#handler?.(payload, from, via);
  }
}
