// flotctl's gRPC transport: unary and server-streaming calls over one HTTP/2
// connection (node:http2), messages encoded by src/api/wire.ts.
//
// Why not @grpc/grpc-js, which the daemon serves with: every flotctl command
// is a new process, and loading grpc-js, proto-loader and protobufjs and
// parsing the .proto files cost ~0.15 s of each invocation — more than the
// whole no-op run `flotctl run --wait` waits for. What flotctl needs of gRPC
// is small (plaintext to a local daemon, unary calls with a deadline, one
// server stream, status and trailers); this file is that and no more. The
// wire format is the standard one: grpcurl and grpc-js clients talk to the
// same server, and test/cli and test/api run every call through this path.

import { GrpcStatus } from '../src/lib/grpc-status.js';
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';

const Status = GrpcStatus;

/** a failed call, shaped like grpc-js's ServiceError so one error mapping serves both */
export class CallError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    readonly metadata: { get(key: string): (string | Buffer)[] } = { get: () => [] },
  ) {
    super(`${code} ${details}`);
  }
}

export interface CallOptions {
  /** deadline of the whole call; none for streams that wait for events */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const HEADER_BYTES = 5;

export class Channel {
  #session: ClientHttp2Session | undefined;
  #sessionError: Error | undefined;
  #active = 0;

  constructor(
    /** host:port */
    readonly target: string,
    readonly maxReceiveBytes = 64 * 1024 * 1024,
  ) {}

  #connect(): ClientHttp2Session {
    if (this.#session && !this.#session.closed && !this.#session.destroyed) return this.#session;
    const s = connect(`http://${this.target}`);
    this.#sessionError = undefined;
    // errors reach each call through its stream; kept here for the message
    s.on('error', (err) => (this.#sessionError = err));
    // a closing or going-away session takes no new calls; the next call connects afresh
    const drop = () => {
      if (this.#session === s) this.#session = undefined;
    };
    s.on('close', drop);
    s.on('goaway', drop);
    this.#session = s;
    return s;
  }

  /** one request, every response message to onMessage; resolves on status OK */
  #call(path: string, body: Buffer, opts: CallOptions, onMessage: (m: Buffer) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const session = this.#connect();
      const headers: Record<string, string> = {
        ':method': 'POST',
        ':path': path,
        'content-type': 'application/grpc',
        te: 'trailers',
        'user-agent': 'flotctl/0.1.0',
      };
      if (opts.timeoutMs !== undefined) headers['grpc-timeout'] = `${Math.max(1, Math.ceil(opts.timeoutMs))}m`;
      let stream: ClientHttp2Stream;
      try {
        stream = session.request(headers);
      } catch (err) {
        reject(new CallError(Status.UNAVAILABLE, (err as Error).message));
        return;
      }
      if (this.#active++ === 0) session.ref();
      let settled = false;
      let responseHeaders: IncomingHttpHeaders | undefined;
      /**
       * settles the call; `cancel` resets the stream, for endings on this
       * side only (deadline, abort, a bad message): a stream the server ended
       * is left to close by itself — servers count client resets and drop
       * connections that send many (HTTP/2 rapid reset protection)
       */
      const finish = (err?: CallError, cancel = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (--this.#active === 0 && !session.destroyed) session.unref();
        if (cancel && !stream.closed) stream.close(constants.NGHTTP2_CANCEL);
        if (err) reject(err);
        else resolve();
      };
      const timer = opts.timeoutMs !== undefined ? setTimeout(() => finish(new CallError(Status.DEADLINE_EXCEEDED, 'Deadline exceeded'), true), opts.timeoutMs) : undefined;
      const onAbort = () => finish(new CallError(Status.CANCELLED, 'Cancelled on client'), true);
      if (opts.signal?.aborted) {
        onAbort();
        return;
      }
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      stream.on('response', (h) => {
        responseHeaders = h;
        const status = Number(h[':status']);
        if (status !== 200) finish(new CallError(httpToGrpc(status), `HTTP status ${status} from ${this.target}`), true);
      });
      // messages may span chunks: keep them and join once a whole message is in (no re-copying per chunk)
      let chunks: Buffer[] = [];
      let buffered = 0;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        chunks.push(chunk);
        buffered += chunk.length;
        while (buffered >= HEADER_BYTES) {
          if (chunks[0].length < HEADER_BYTES) chunks = [Buffer.concat(chunks, buffered)];
          const head = chunks[0];
          if (head[0] !== 0) return finish(new CallError(Status.INTERNAL, 'compressed message received but no compression was negotiated'), true);
          const size = head.readUInt32BE(1);
          if (size > this.maxReceiveBytes) return finish(new CallError(Status.RESOURCE_EXHAUSTED, `received message larger than max (${size} vs. ${this.maxReceiveBytes})`), true);
          if (buffered < HEADER_BYTES + size) break;
          const all = chunks.length === 1 ? head : Buffer.concat(chunks, buffered);
          const rest = all.subarray(HEADER_BYTES + size);
          chunks = rest.length > 0 ? [rest] : [];
          buffered = rest.length;
          try {
            onMessage(all.subarray(HEADER_BYTES, HEADER_BYTES + size));
          } catch (err) {
            return finish(new CallError(Status.INTERNAL, `cannot decode the response: ${(err as Error).message}`), true);
          }
        }
      });
      stream.on('trailers', (t) => finishWithStatus(t));
      stream.on('error', () => undefined); // the close handler reports it
      stream.on('close', () => {
        if (settled) return;
        // trailers-only responses carry the status in the headers
        if (responseHeaders?.['grpc-status'] !== undefined) return finishWithStatus(responseHeaders);
        if (responseHeaders === undefined) {
          // never answered: the connection failed (its error event may come a tick later)
          setImmediate(() => finish(new CallError(Status.UNAVAILABLE, this.#sessionError?.message ?? `connection to ${this.target} closed before an answer`)));
          return;
        }
        const code = stream.rstCode === constants.NGHTTP2_REFUSED_STREAM ? Status.UNAVAILABLE : stream.rstCode === constants.NGHTTP2_CANCEL ? Status.CANCELLED : Status.INTERNAL;
        finish(new CallError(code, `stream closed without a status (code ${stream.rstCode ?? 'none'})`));
      });
      const finishWithStatus = (h: IncomingHttpHeaders) => {
        const code = Number(h['grpc-status'] ?? Status.UNKNOWN);
        if (code === Status.OK) {
          if (buffered > 0) return finish(new CallError(Status.INTERNAL, 'response ended inside a message'));
          return finish();
        }
        finish(new CallError(code, decodeMessage(String(h['grpc-message'] ?? '')), trailerMetadata(h)));
      };

      const frame = Buffer.allocUnsafe(HEADER_BYTES);
      frame[0] = 0;
      frame.writeUInt32BE(body.length, 1);
      stream.end(Buffer.concat([frame, body]));
    });
  }

  async unary(path: string, body: Buffer, opts: CallOptions): Promise<Buffer> {
    const messages: Buffer[] = [];
    await this.#call(path, body, opts, (m) => messages.push(Buffer.from(m)));
    if (messages.length !== 1) throw new CallError(Status.INTERNAL, `expected one response message, got ${messages.length}`);
    return messages[0];
  }

  /** the response messages of a server-streaming call as they arrive */
  async *stream(path: string, body: Buffer, opts: CallOptions): AsyncGenerator<Buffer> {
    const queue: Buffer[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    let failure: Error | undefined;
    const stop = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
    this.#call(path, body, { ...opts, signal }, (m) => {
      queue.push(Buffer.from(m));
      wake?.();
    }).then(
      () => {
        done = true;
        wake?.();
      },
      (err: unknown) => {
        done = true;
        failure = err instanceof Error ? err : new Error(String(err));
        wake?.();
      },
    );
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (done) {
          if (failure) throw failure;
          return;
        }
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    } finally {
      stop.abort();
    }
  }

  close(): void {
    this.#session?.close();
    this.#session = undefined;
  }
}

function httpToGrpc(status: number): number {
  if (status === 400) return Status.INTERNAL;
  if (status === 401) return Status.UNAUTHENTICATED;
  if (status === 403) return Status.PERMISSION_DENIED;
  if (status === 404) return Status.UNIMPLEMENTED;
  if (status === 429 || status === 502 || status === 503 || status === 504) return Status.UNAVAILABLE;
  return Status.UNKNOWN;
}

/** grpc-message is percent-encoded */
function decodeMessage(m: string): string {
  try {
    return decodeURIComponent(m);
  } catch {
    return m;
  }
}

/** trailer values by key; `-bin` values are base64, several joined by commas */
function trailerMetadata(h: IncomingHttpHeaders): { get(key: string): (string | Buffer)[] } {
  return {
    get(key: string) {
      const raw = h[key];
      if (raw === undefined) return [];
      const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim());
      return key.endsWith('-bin') ? values.map((v) => Buffer.from(v, 'base64')) : values;
    },
  };
}
