// The gRPC server: every service from services.ts, gRPC health checking and
// server reflection (so grpcurl can list and call). Listens on loopback
// unless mTLS is configured (config/load.ts refuses otherwise). Shutdown:
// NOT_SERVING, end watch streams, tryShutdown with a deadline, then force.

import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { FlotillaError, IllegalStateError, UnavailableError } from '../errors.js';
import { isLoopbackHost, parseHostPort } from '../lib/host-port.js';
import type { Logger } from '../log.js';
import type { RunService } from '../runs/index.js';
import type { ObjectServer } from '../server/index.js';
import { loadApi } from './loader.js';
import { addReflection } from './reflection.js';
import { addServices, type ClusterInfo } from './services.js';

export interface ApiServerOptions {
  readonly listen: string;
  readonly tls: { readonly certFile?: string; readonly keyFile?: string; readonly caFile?: string };
  readonly bookmarkIntervalMs: number;
  readonly maxMessageBytes: number;
}

export interface ApiServerDeps {
  readonly objects: ObjectServer;
  readonly runs: RunService;
  readonly log: Logger;
  readonly clusterInfo: () => Promise<ClusterInfo>;
}

const SHUTDOWN_GRACE_MS = 2_000;

export class ApiServer implements AsyncDisposable {
  readonly #shutdown = new AbortController();
  readonly #health = new HealthImplementation({ '': 'NOT_SERVING' });
  #server: grpc.Server | undefined;
  #port = 0;
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';

  constructor(
    private readonly deps: ApiServerDeps,
    private readonly opts: ApiServerOptions,
  ) {}

  /** the bound port (useful with port 0) */
  get port(): number {
    return this.#port;
  }

  get address(): string {
    const hp = parseHostPort(this.opts.listen)!;
    return `${hp.host.includes(':') ? `[${hp.host}]` : hp.host}:${this.#port}`;
  }

  /** binds and starts serving; rejects with a clear message when the address is taken */
  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new IllegalStateError(`api server is ${this.#state}`);
    this.#state = 'running';
    const hp = parseHostPort(this.opts.listen);
    if (!hp) throw new FlotillaError('INVALID_ARGUMENT', `api.listen: '${this.opts.listen}' is not host:port`);
    const creds = await this.#credentials(hp.host);
    const server = new grpc.Server({
      'grpc.max_receive_message_length': this.opts.maxMessageBytes,
      'grpc.max_send_message_length': this.opts.maxMessageBytes,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 10_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    });
    // every file at once, so serviceClient() below takes each service from this one load
    loadApi();
    addServices(server, {
      objects: this.deps.objects,
      runs: this.deps.runs,
      log: this.deps.log,
      clusterInfo: this.deps.clusterInfo,
      defaultBookmarkIntervalMs: this.opts.bookmarkIntervalMs,
      shutdown: this.#shutdown.signal,
    });
    this.#health.addToServer(server);
    // reflection describes the health service too, so `grpcurl ... grpc.health.v1.Health/Check` works
    addReflection(server);
    this.#server = server;
    this.#port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(this.opts.listen, creds, (err, port) => {
        if (err) {
          const inUse = /EADDRINUSE|address already in use/i.test(err.message);
          reject(
            new UnavailableError(
              inUse
                ? `cannot listen on ${this.opts.listen}: the address is already in use (is another flotillad running? set --listen)`
                : `cannot listen on ${this.opts.listen}: ${err.message}`,
              { cause: err },
            ),
          );
        } else resolve(port);
      }),
    );
    this.#health.setStatus('', 'SERVING');
    this.deps.log.info({ address: this.address, tls: creds !== undefined && this.opts.tls.certFile !== undefined }, 'api serving');
  }

  /** reports NOT_SERVING (e.g. store unreachable) or SERVING again */
  setServing(serving: boolean): void {
    if (this.#state === 'running') this.#health.setStatus('', serving ? 'SERVING' : 'NOT_SERVING');
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopping';
    this.#health.setStatus('', 'NOT_SERVING');
    this.#shutdown.abort(new Error('server shutting down'));
    const server = this.#server;
    if (server) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    }
    this.#state = 'stopped';
    this.deps.log.info('api stopped');
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  async #credentials(host: string): Promise<grpc.ServerCredentials> {
    const { certFile, keyFile, caFile } = this.opts.tls;
    if (certFile && keyFile) {
      const [cert, key, ca] = await Promise.all([readFile(certFile), readFile(keyFile), caFile ? readFile(caFile) : undefined]);
      return grpc.ServerCredentials.createSsl(ca ?? null, [{ cert_chain: cert, private_key: key }], ca !== undefined);
    }
    if (!isLoopbackHost(host)) {
      throw new FlotillaError('FAILED_PRECONDITION', `refusing to serve on non-loopback ${this.opts.listen} without TLS`);
    }
    return grpc.ServerCredentials.createInsecure();
  }
}
