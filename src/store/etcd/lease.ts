// A Store Lease on etcd: LeaseGrant, then our own keep-alive loop over a raw
// LeaseKeepAlive stream (not etcd3's Lease, whose 'lost' can fire late).
//
// Deadline. `#deadlineAt` (injected clock, ms) is the latest instant at which
// etcd may still hold the lease by what it has told us: the send time of the
// grant or keep-alive request that etcd last acknowledged, plus the TTL it
// answered with. Taking the SEND time makes the deadline conservative: etcd
// started the TTL no earlier than that, and it also extends leases on a leader
// change, so keys never vanish before our deadline (clock drift aside). A
// timer at the deadline resolves `lost` unless a newer acknowledgement moved
// it first: keep-alives failing for longer than the TTL, for whatever reason
// (paused network, etcd down, abandon()), end the lease on our side in time.
//
// Keep-alives go every TTL/3 (as etcd's Go client) on one stream; responses
// come back in request order, so each is matched with its request's send
// time. A response with TTL <= 0 means etcd no longer has the lease: lost.
// A failed stream is reopened with backoff until the deadline passes.

import { anySignal } from '../../lib/abort.js';
import type { Clock, Timer } from '../../lib/clock.js';
import { FailedPreconditionError, FlotillaError, InvalidArgumentError, ShutdownError, UnavailableError, isFlotillaError } from '../../errors.js';
import type { Lease } from '../store.js';
import { reconnectBackoff, type EtcdConnection } from './connection.js';

interface GrantResponse {
  ID: string;
  TTL: string;
  error: string;
}

interface KeepAliveResponse {
  ID: string;
  TTL: string;
}

export interface LeaseDeps {
  readonly conn: EtcdConnection;
  readonly clock: Clock;
  /** aborted when the store closes */
  readonly storeSignal: AbortSignal;
}

export class EtcdLease implements Lease {
  readonly lost: Promise<Error>;
  #resolveLost!: (e: Error) => void;
  #lostReason: Error | undefined;
  #deadlineAt: number;
  #deadlineTimer: Timer | undefined;
  /** stops keep-alives (abandon, revoke, lost, store close) */
  readonly #keepAlive = new AbortController();
  #loop: Promise<void> = Promise.resolve();
  #revoking: Promise<void> | undefined;

  private constructor(
    private readonly deps: LeaseDeps,
    readonly id: string,
    readonly ttlSeconds: number,
    deadlineAt: number,
  ) {
    this.lost = new Promise<Error>((resolve) => (this.#resolveLost = resolve));
    this.#deadlineAt = deadlineAt;
  }

  /**
   * Grants a lease of `ttlSeconds` (etcd may raise it to its minimum; `ttlSeconds`
   * of the result is what etcd granted) and starts keeping it alive.
   */
  static async grant(deps: LeaseDeps, ttlSeconds: number, signal: AbortSignal | undefined): Promise<EtcdLease> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
      throw new InvalidArgumentError(`lease ttlSeconds must be a positive integer, got ${ttlSeconds}`);
    }
    const sentAt = deps.clock.now();
    // a repeated grant only leaves an unused lease behind, which expires on its own
    const res = await deps.conn.unary<GrantResponse>('Lease', 'leaseGrant', { TTL: ttlSeconds }, { what: 'etcd grant lease', signal, idempotent: true });
    if (res.error) throw new FlotillaError('INTERNAL', `etcd grant lease: ${res.error}`);
    const ttl = Number(res.TTL);
    const lease = new EtcdLease(deps, String(res.ID), ttl, sentAt + ttl * 1000);
    lease.#start();
    return lease;
  }

  #start(): void {
    this.#armDeadline();
    const signal = anySignal(this.#keepAlive.signal, this.deps.storeSignal);
    // listen on a signal of our own: the store's is shared by every lease
    const storeClosed = AbortSignal.any([this.deps.storeSignal]);
    const onStoreClose = () => this.#markLost(new ShutdownError(`lease ${this.id}: store closed, keep-alives stopped`));
    if (storeClosed.aborted) onStoreClose();
    else storeClosed.addEventListener('abort', onStoreClose, { once: true });
    this.#loop = this.#keepAliveLoop(signal)
      .catch((err: unknown) => this.#markLost(new FlotillaError('INTERNAL', `lease ${this.id}: keep-alive loop failed`, { cause: err })))
      .finally(() => storeClosed.removeEventListener('abort', onStoreClose));
  }

  /** resolves once keep-alives have stopped (store close awaits this); never rejects */
  get stopped(): Promise<void> {
    return this.#loop;
  }

  get isLost(): boolean {
    return this.#lostReason !== undefined;
  }

  #armDeadline(): void {
    this.#deadlineTimer?.cancel();
    if (this.#lostReason) return;
    const wait = this.#deadlineAt - this.deps.clock.now();
    this.#deadlineTimer = this.deps.clock.setTimer(wait, () => {
      if (this.deps.clock.now() >= this.#deadlineAt) {
        this.#markLost(new UnavailableError(`lease ${this.id}: no keep-alive acknowledged within its ${this.ttlSeconds}s ttl`));
      } else {
        this.#armDeadline();
      }
    });
  }

  #extend(deadlineAt: number): void {
    if (this.#lostReason || deadlineAt <= this.#deadlineAt) return;
    this.#deadlineAt = deadlineAt;
    this.#armDeadline();
  }

  #markLost(reason: Error): void {
    if (this.#lostReason) return;
    this.#lostReason = reason;
    this.#deadlineTimer?.cancel();
    this.#keepAlive.abort(reason);
    this.#resolveLost(reason);
  }

  async #keepAliveLoop(signal: AbortSignal): Promise<void> {
    const backoff = reconnectBackoff(Math.max(100, (this.ttlSeconds * 1000) / 3));
    while (!signal.aborted) {
      const progressed = await this.#session(signal);
      if (signal.aborted) return;
      if (progressed) backoff.reset();
      await this.deps.clock.sleep(backoff.next(), signal).catch(() => undefined);
    }
  }

  /** one keep-alive stream; returns when it ends (true if etcd acknowledged anything) */
  async #session(signal: AbortSignal): Promise<boolean> {
    const what = `etcd keep-alive lease ${this.id}`;
    let stream;
    try {
      stream = await this.deps.conn.openStream<{ ID: string }, KeepAliveResponse>('Lease', 'leaseKeepAlive', what);
    } catch {
      return false;
    }
    const ended = new AbortController();
    const session = anySignal(signal, ended.signal);
    const sentAt: number[] = [];
    let progressed = false;
    stream.on('error', () => ended.abort());
    stream.on('end', () => ended.abort());
    stream.on('data', (res) => {
      const at = sentAt.shift() ?? this.deps.clock.now();
      const ttl = Number(res.TTL);
      if (!(ttl > 0)) {
        this.#markLost(new FailedPreconditionError(`lease ${this.id} expired or was revoked in etcd`));
        return;
      }
      progressed = true;
      this.#extend(at + ttl * 1000);
    });
    const intervalMs = Math.max(100, (this.ttlSeconds * 1000) / 3);
    try {
      while (!session.aborted) {
        sentAt.push(this.deps.clock.now());
        stream.write({ ID: this.id });
        await this.deps.clock.sleep(intervalMs, session);
      }
    } catch {
      // session ended: aborted, stream failed, or lease lost
    } finally {
      stream.cancel();
    }
    return progressed;
  }

  abandon(): void {
    this.#keepAlive.abort(new FailedPreconditionError(`lease ${this.id} abandoned`));
  }

  /**
   * Stops keep-alives and revokes the lease in etcd (attached keys go at
   * once), then resolves `lost`. Idempotent; concurrent calls share one
   * attempt; after a failed attempt the next call tries again (until then
   * the lease simply expires at its deadline).
   */
  revoke(): Promise<void> {
    this.#keepAlive.abort(new FailedPreconditionError(`lease ${this.id} revoked`));
    this.#revoking ??= (async () => {
      try {
        await this.deps.conn.unary('Lease', 'leaseRevoke', { ID: this.id }, { what: `etcd revoke lease ${this.id}`, idempotent: true });
      } catch (err) {
        if (!isFlotillaError(err, 'NOT_FOUND')) {
          this.#revoking = undefined;
          throw err;
        }
      }
      this.#markLost(new FailedPreconditionError(`lease ${this.id} revoked`));
    })();
    return this.#revoking;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.revoke();
  }
}
