// A TCP proxy between a client and etcd (node:net, loopback), for fault tests:
// lease loss, watch resume and UNAVAILABLE. Point the client at
// `proxy.endpoint` instead of etcd's URL, then:
//   pause()  - stop forwarding in both directions but keep every connection
//              open (a stalled network: bytes wait in kernel buffers, nothing
//              is lost, and they flow again on resume()); new connections are
//              accepted and held the same way
//   resume() - forward again
//   cutAll() - destroy every current connection (the client sees a reset);
//              new connections are still accepted
//   close()  - cutAll() and stop listening; idempotent
//
//   await using proxy = await startEtcdProxy(etcd.clientPort);

import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

interface Pair {
  client: Socket;
  upstream: Socket;
}

export class EtcdProxy implements AsyncDisposable {
  readonly #pairs = new Set<Pair>();
  #server: Server | undefined;
  #paused = false;
  #closed: Promise<void> | undefined;
  #port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  /** the port the proxy listens on (127.0.0.1) */
  get port(): number {
    return this.#port;
  }

  /** http://127.0.0.1:<port>, to put in a store's endpoints */
  get endpoint(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  /** number of client connections currently held */
  get connections(): number {
    return this.#pairs.size;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.#accept(client));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
  }

  #accept(client: Socket): void {
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    const pair: Pair = { client, upstream };
    this.#pairs.add(pair);
    const drop = () => {
      if (!this.#pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      s.on('error', drop);
      s.on('close', drop);
    }
    this.#forward(client, upstream);
    this.#forward(upstream, client);
    if (this.#paused) {
      client.pause();
      upstream.pause();
    }
  }

  /** copies from → to with backpressure, honouring pause() */
  #forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => {
      if (!this.#paused) from.resume();
    });
    from.on('end', () => to.end());
  }

  pause(): void {
    this.#paused = true;
    for (const p of this.#pairs) {
      p.client.pause();
      p.upstream.pause();
    }
  }

  resume(): void {
    this.#paused = false;
    for (const p of this.#pairs) {
      p.client.resume();
      p.upstream.resume();
    }
  }

  cutAll(): void {
    for (const p of [...this.#pairs]) {
      this.#pairs.delete(p);
      p.client.destroy();
      p.upstream.destroy();
    }
  }

  close(): Promise<void> {
    return (this.#closed ??= (async () => {
      this.cutAll();
      const server = this.#server;
      if (server) await new Promise<void>((r) => server.close(() => r()));
    })());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** A started proxy to 127.0.0.1:<targetPort>. */
export async function startEtcdProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<EtcdProxy> {
  const proxy = new EtcdProxy(targetPort, targetHost);
  await proxy.start();
  return proxy;
}
