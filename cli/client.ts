// flotctl's gRPC client: one client per service, promisified calls with a
// deadline, errors turned back into FlotillaErrors. The only gRPC importer in
// cli/ besides ssh-tunnel (issue 6).

import * as grpc from '@grpc/grpc-js';
import { fromGrpcError, serviceClient, type ProtoObject } from '../src/api/client.js';
import { FlotillaError } from '../src/errors.js';

export interface ListResponse {
  items: ProtoObject[];
  resource_version: string;
  continue: string;
}

export interface WatchEventMessage {
  type: string;
  object: ProtoObject | null;
  resource_version: string;
}

export class Client {
  readonly #clients = new Map<string, grpc.Client>();
  readonly #channelCreds = grpc.credentials.createInsecure();

  constructor(
    readonly server: string,
    private readonly timeoutMs = 30_000,
    private readonly channelOptions: grpc.ChannelOptions = {},
  ) {}

  #client(service: string): grpc.Client {
    let c = this.#clients.get(service);
    if (!c) {
      const Ctor = serviceClient(service);
      // one channel for all services: same target and options share the subchannel
      c = new Ctor(this.server, this.#channelCreds, { 'grpc.max_receive_message_length': 64 * 1024 * 1024, ...this.channelOptions });
      this.#clients.set(service, c);
    }
    return c;
  }

  /** a unary call on `<service>.<method>`; rejects with a FlotillaError */
  call<Res>(service: string, method: string, req: unknown): Promise<Res> {
    const c = this.#client(service) as unknown as Record<string, (...a: unknown[]) => unknown>;
    const deadline = new Date(Date.now() + this.timeoutMs);
    return new Promise<Res>((resolve, reject) => {
      c[method].call(c, req, new grpc.Metadata(), { deadline }, (err: grpc.ServiceError | null, res: Res) => {
        if (err) reject(this.#error(err));
        else resolve(res);
      });
    });
  }

  /** a server stream as an AsyncIterable; aborting the signal cancels the call */
  async *stream<T>(service: string, method: string, req: unknown, signal?: AbortSignal): AsyncGenerator<T> {
    const c = this.#client(service) as unknown as Record<string, (...a: unknown[]) => grpc.ClientReadableStream<T>>;
    const call = c[method].call(c, req, new grpc.Metadata());
    const onAbort = () => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const msg of call as AsyncIterable<T>) yield msg;
    } catch (err) {
      if (signal?.aborted) return;
      throw this.#error(err as grpc.ServiceError);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      call.cancel();
    }
  }

  #error(err: grpc.ServiceError): FlotillaError {
    const e = fromGrpcError(err);
    if (e.code === 'UNAVAILABLE' && /ECONNREFUSED|No connection established|connect/i.test(err.details ?? '')) {
      return new FlotillaError('UNAVAILABLE', `cannot reach flotillad at ${this.server} (is it running? use --server HOST:PORT)`, { cause: err });
    }
    if (e.code === 'DEADLINE_EXCEEDED') {
      return new FlotillaError('DEADLINE_EXCEEDED', `flotillad at ${this.server} did not answer within ${this.timeoutMs / 1000} s`, { cause: err });
    }
    return e;
  }

  close(): void {
    for (const c of this.#clients.values()) c.close();
    this.#clients.clear();
  }
}
