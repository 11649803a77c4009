// flotctl's API client: promisified calls with a deadline, server streams as
// async iterables, errors turned back into FlotillaErrors. Messages go over
// cli/grpc.ts (node:http2) with the light codec in src/api/wire.ts; see
// cli/grpc.ts for why not grpc-js.

import { fromGrpcError, type ProtoObject } from '../src/api/client.js';
import { DESCRIPTOR } from '../src/api/generated/descriptor.js';
import { WireCodec } from '../src/api/wire.js';
import { FlotillaError } from '../src/errors.js';
import { GrpcStatus as Status } from '../src/lib/grpc-status.js';
import { CallError, Channel } from './grpc.js';

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

const PACKAGE = 'flotilla.v1alpha1';
let codec: WireCodec | undefined;

export class Client {
  readonly #channel: Channel;

  constructor(
    readonly server: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.#channel = new Channel(server);
  }

  #method(service: string, method: string): { path: string; request: string; response: string; codec: WireCodec } {
    codec ??= new WireCodec(DESCRIPTOR);
    const [request, response] = codec.method(`${PACKAGE}.${service}`, method);
    return { path: `/${PACKAGE}.${service}/${method}`, request, response, codec };
  }

  /** a unary call on `<service>.<method>`; rejects with a FlotillaError */
  async call<Res>(service: string, method: string, req: unknown): Promise<Res> {
    const m = this.#method(service, method);
    try {
      const body = await this.#channel.unary(m.path, m.codec.encode(m.request, req), { timeoutMs: this.timeoutMs });
      return m.codec.decode(m.response, body) as Res;
    } catch (err) {
      throw this.#error(err);
    }
  }

  /** a server stream as an AsyncIterable; aborting the signal cancels the call */
  async *stream<T>(service: string, method: string, req: unknown, signal?: AbortSignal): AsyncGenerator<T> {
    const m = this.#method(service, method);
    try {
      for await (const body of this.#channel.stream(m.path, m.codec.encode(m.request, req), signal ? { signal } : {})) yield m.codec.decode(m.response, body) as T;
    } catch (err) {
      if (signal?.aborted) return;
      throw this.#error(err);
    }
  }

  #error(err: unknown): FlotillaError {
    if (err instanceof FlotillaError) return err;
    if (!(err instanceof CallError)) return new FlotillaError('INTERNAL', (err as Error).message, { cause: err });
    const e = fromGrpcError(err);
    if (err.code === Status.UNAVAILABLE && /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|connect/i.test(err.details)) {
      return new FlotillaError('UNAVAILABLE', `cannot reach flotillad at ${this.server} (is it running? use --server HOST:PORT)`, { cause: err });
    }
    if (err.code === Status.DEADLINE_EXCEEDED) {
      return new FlotillaError('DEADLINE_EXCEEDED', `flotillad at ${this.server} did not answer within ${this.timeoutMs / 1000} s`, { cause: err });
    }
    return e;
  }

  close(): void {
    this.#channel.close();
  }
}
