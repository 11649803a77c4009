// The one place where etcd and gRPC failures become FlotillaErrors (STYLE §3).
// Inputs are either raw grpc-js call errors (code + details), which the etcd
// backend wraps in GrpcCallError so etcd3's pool does not reinterpret them, or
// etcd3's own error classes (thrown by its connection pool before a call is
// made). Everything else in src/store/etcd/ throws only what this file returns.
//
//   UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, connection loss -> UnavailableError (retryable)
//   "required revision has been compacted"                    -> CompactedError (OUT_OF_RANGE)
//   "required revision is a future revision"                  -> OUT_OF_RANGE
//   duplicate key / too many ops / request too large          -> InvalidArgumentError
//   "requested lease not found"                               -> NotFoundError
//   permission denied / unauthenticated                       -> PERMISSION_DENIED
//   "database space exceeded"                                 -> RESOURCE_EXHAUSTED
//   "too many requests"                                       -> RESOURCE_EXHAUSTED, retryable
// A failed revision compare is not a gRPC error (the txn answers
// succeeded=false); the store turns it into RevisionConflictError itself.

import {
  CompactedError,
  FailedPreconditionError,
  FlotillaError,
  InvalidArgumentError,
  NotFoundError,
  ShutdownError,
  UnavailableError,
} from '../../errors.js';
import { GrpcStatus } from '../../lib/grpc-status.js';

const Code = GrpcStatus;

/** A grpc-js call that ended with a non-OK status, kept raw (etcd3 would re-type and act on it). */
export class GrpcCallError extends Error {
  readonly code: number;
  readonly details: string;
  constructor(err: { code?: number; details?: string; message?: string }) {
    super(err.message ?? `grpc status ${err.code}`, { cause: err });
    this.name = 'GrpcCallError';
    this.code = typeof err.code === 'number' ? err.code : Code.UNKNOWN;
    this.details = err.details ?? err.message ?? '';
  }
}

export interface MapContext {
  /** the revision the request asked for, for CompactedError */
  readonly requestedRevision?: string;
  /** the compact revision, when the caller knows it */
  readonly compactRevision?: string;
}

/** grpc-js picks no connection at all: the request never left this process, so any request may be retried */
export function isNotSent(err: unknown): boolean {
  return err instanceof GrpcCallError && err.code === Code.UNAVAILABLE && err.details.startsWith('No connection established');
}

/** etcd turned the request away before proposing it ("too many requests"): safe to retry */
export function isRejectedBeforeApply(err: unknown): boolean {
  return err instanceof GrpcCallError && err.code === Code.RESOURCE_EXHAUSTED && err.details.includes('too many requests');
}

function codeAndText(err: unknown): { code: number | undefined; text: string; name: string } {
  if (err instanceof GrpcCallError) return { code: err.code, text: err.details, name: err.name };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'number' ? code : undefined, text: err.message, name: err.constructor.name || err.name };
  }
  return { code: undefined, text: String(err), name: typeof err };
}

const CONNECTION_TEXT = /RST_STREAM|Connection dropped|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|No connection established|GOAWAY/i;

/**
 * Converts anything an etcd call threw into a FlotillaError naming `what`
 * (e.g. "etcd get '/flotilla/x'"). FlotillaErrors pass through unchanged.
 */
export function mapEtcdError(err: unknown, what: string, ctx: MapContext = {}): FlotillaError {
  if (err instanceof FlotillaError) return err;
  const { code, text, name } = codeAndText(err);
  const cause = { cause: err };
  const msg = (kind: string) => `${what}: ${kind}: ${text}`;

  // etcd's own messages first: they are precise whatever the status code
  if (text.includes('required revision has been compacted')) {
    return new CompactedError(ctx.requestedRevision ?? 'unknown', ctx.compactRevision ?? 'unknown', cause);
  }
  if (text.includes('required revision is a future revision')) {
    return new FlotillaError('OUT_OF_RANGE', msg('revision is in the future'), cause);
  }
  if (text.includes('duplicate key given in txn request') || text.includes('too many operations in txn request')
    || text.includes('request is too large') || text.includes('lease TTL is too large') || text.includes('key is not provided')) {
    return new InvalidArgumentError(`${what}: ${text}`, cause);
  }
  if (text.includes('requested lease not found')) return new NotFoundError(`${what}: lease`, cause);
  if (text.includes('database space exceeded')) return new FlotillaError('RESOURCE_EXHAUSTED', msg('etcd is out of space'), cause);
  if (text.includes('too many requests')) return new FlotillaError('RESOURCE_EXHAUSTED', msg('etcd is overloaded'), { ...cause, retryable: true });
  if (text.includes('permission denied') || text.includes('invalid auth token') || text.includes('authentication failed')) {
    return new FlotillaError('PERMISSION_DENIED', msg('permission denied'), cause);
  }

  switch (code) {
    case Code.UNAVAILABLE:
    case Code.DEADLINE_EXCEEDED:
    case Code.CANCELLED:
      return new UnavailableError(msg('etcd unavailable'), cause);
    case Code.INVALID_ARGUMENT:
      return new InvalidArgumentError(`${what}: ${text}`, cause);
    case Code.NOT_FOUND:
      return new NotFoundError(what, cause);
    case Code.PERMISSION_DENIED:
    case Code.UNAUTHENTICATED:
      return new FlotillaError('PERMISSION_DENIED', msg('permission denied'), cause);
    case Code.FAILED_PRECONDITION:
      return new FailedPreconditionError(msg('failed precondition'), cause);
    case Code.OUT_OF_RANGE:
      return new FlotillaError('OUT_OF_RANGE', msg('out of range'), cause);
    case Code.RESOURCE_EXHAUSTED:
      return new FlotillaError('RESOURCE_EXHAUSTED', msg('resource exhausted'), cause);
    case Code.ABORTED:
      return new FlotillaError('ABORTED', msg('aborted'), { ...cause, retryable: true });
    case Code.INTERNAL:
    case Code.UNKNOWN:
    case Code.DATA_LOSS:
      if (CONNECTION_TEXT.test(text)) return new UnavailableError(msg('connection lost'), cause);
      return new FlotillaError('INTERNAL', msg('etcd internal error'), cause);
    default:
      break;
  }

  // etcd3's typed errors, thrown by its pool without a gRPC status
  switch (name) {
    case 'GRPCUnavailableError':
    case 'GRPCDeadlineExceededError':
    case 'GRPCCancelledError':
    case 'GRPCConnectFailedError':
    case 'BrokenCircuitError':
    case 'EtcdWatchStreamEnded':
      return new UnavailableError(msg('etcd unavailable'), cause);
    case 'ClientClosedError':
      return new ShutdownError(`${what}: etcd client closed`);
    case 'EtcdLeaseInvalidError':
      return new NotFoundError(`${what}: lease`, cause);
    case 'GRPCInvalidArgumentError':
      return new InvalidArgumentError(`${what}: ${text}`, cause);
    case 'EtcdPermissionDeniedError':
    case 'GRPCUnauthenticatedError':
      return new FlotillaError('PERMISSION_DENIED', msg('permission denied'), cause);
    default:
      break;
  }
  const sysCode = (err as { code?: unknown } | undefined)?.code;
  if (CONNECTION_TEXT.test(text) || (typeof sysCode === 'string' && /^(ECONN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)/.test(sysCode))) {
    return new UnavailableError(msg('connection lost'), cause);
  }
  return new FlotillaError('INTERNAL', msg('unexpected etcd error'), cause);
}
