// The daemon's session in the store: one lease, kept alive by the store, with
// this node's presence key attached. When the lease is lost (store partition
// longer than the TTL) a new one is granted after a backoff and everything
// bound to the session (presence, candidacy) is set up again on it. Parts
// that need the session register with onLease(); each call gets the lease and
// a signal that aborts when that lease is gone or the session stops.

import { IllegalStateError, ShutdownError } from '../errors.js';
import { Backoff } from '../lib/backoff.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import { presenceKey, type Lease, type Store } from '../store/index.js';

export type LeaseUser = (lease: Lease, signal: AbortSignal) => Promise<void>;

export interface SessionDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
}

export class Session implements AsyncDisposable {
  readonly #abort = new AbortController();
  readonly #users: LeaseUser[] = [];
  #loop: Promise<void> | undefined;
  #lease: Lease | undefined;
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  #onHealth: (healthy: boolean) => void = () => undefined;

  constructor(
    private readonly deps: SessionDeps,
    private readonly opts: { node: string; ttlSeconds: number; presence: () => Uint8Array },
  ) {}

  /** registers a part that runs once per lease; call before start() */
  onLease(user: LeaseUser): void {
    if (this.#state !== 'idle') throw new IllegalStateError('register lease users before start');
    this.#users.push(user);
  }

  /** called with false while no lease is held, true once one is again */
  onHealth(fn: (healthy: boolean) => void): void {
    this.#onHealth = fn;
  }

  /** grants the first lease and writes presence; resolves once both are done */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`session is ${this.#state}`);
    this.#state = 'running';
    const first = await this.#establish();
    this.#loop = this.#run(first);
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopping';
    this.#abort.abort(new ShutdownError());
    await this.#loop;
    try {
      await this.#lease?.revoke();
    } catch (err) {
      this.deps.log.warn({ err }, 'session lease not revoked; it will expire');
    }
    this.#state = 'stopped';
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #establish(): Promise<Lease> {
    const lease = await this.deps.store.grantLease(this.opts.ttlSeconds, { signal: this.#abort.signal });
    try {
      await this.deps.store.put(presenceKey(this.opts.node), this.opts.presence(), { lease: lease.id });
    } catch (err) {
      await lease.revoke().catch(() => undefined);
      throw err;
    }
    this.#lease = lease;
    this.deps.log.info({ lease: lease.id, ttlSeconds: lease.ttlSeconds }, 'session established');
    return lease;
  }

  async #run(first: Lease): Promise<void> {
    const backoff = new Backoff({ initialMs: 200, maxMs: 5_000 });
    let lease: Lease | undefined = first;
    while (!this.#abort.signal.aborted) {
      if (!lease) {
        try {
          lease = await this.#establish();
          backoff.reset();
          this.#onHealth(true);
        } catch (err) {
          if (this.#abort.signal.aborted) break;
          this.deps.log.warn({ err }, 'cannot establish session; retrying');
          await this.deps.clock.sleep(backoff.next(), this.#abort.signal).catch(() => undefined);
          continue;
        }
      }
      const perLease = new AbortController();
      const signal = AbortSignal.any([perLease.signal, this.#abort.signal]);
      const users = this.#users.map((u) =>
        u(lease!, signal).catch((err: unknown) => {
          if (!signal.aborted) this.deps.log.error({ err }, 'session user failed');
        }),
      );
      const lost = await Promise.race([lease.lost, new Promise<undefined>((r) => this.#abort.signal.addEventListener('abort', () => r(undefined), { once: true }))]);
      perLease.abort(lost ?? new ShutdownError());
      await Promise.allSettled(users);
      if (lost) {
        this.deps.log.warn({ reason: lost.message }, 'session lease lost; re-establishing');
        this.#onHealth(false);
        this.#lease = undefined;
        lease = undefined;
      }
    }
  }
}
