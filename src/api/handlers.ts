// The two wrappers every handler goes through: they convert errors to gRPC
// statuses once (api/status.ts), log each call at debug, and, for server
// streams, turn client cancellation into an AbortSignal and honour
// backpressure.

import { once } from 'node:events';
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '../log.js';
import { toGrpcStatus } from './status.js';

export function unary<Req, Res>(
  log: Logger,
  method: string,
  handler: (req: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = performance.now();
    handler(call.request, call).then(
      (res) => {
        log.debug({ method, ms: +(performance.now() - started).toFixed(2) }, 'call');
        callback(null, res);
      },
      (err: unknown) => {
        const st = toGrpcStatus(err, log);
        log.debug({ method, code: st.code, ms: +(performance.now() - started).toFixed(2) }, 'call failed');
        callback(st);
      },
    );
  };
}

export function serverStream<Req, Res>(
  log: Logger,
  method: string,
  handler: (req: Req, write: (msg: Res) => Promise<void>, signal: AbortSignal) => Promise<void>,
  shutdown: AbortSignal,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    const ac = new AbortController();
    const signal = AbortSignal.any([ac.signal, shutdown]);
    call.on('cancelled', () => ac.abort(new Error('client cancelled')));
    call.on('error', () => ac.abort(new Error('stream error')));
    const write = async (msg: Res) => {
      if (signal.aborted) return;
      if (!call.write(msg)) await Promise.race([once(call, 'drain'), once(signal, 'abort')]);
    };
    handler(call.request, write, signal).then(
      () => {
        if (!ac.signal.aborted) call.end();
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const st = toGrpcStatus(err, log);
        log.debug({ method, code: st.code }, 'stream failed');
        call.emit('error', st);
      },
    );
  };
}
