// FlotillaError codes <-> gRPC status numbers, and a failed call back into a
// FlotillaError. Free of grpc-js so flotctl's light client can use it; the
// server side (status.ts) builds on the same table.

import { FlotillaError, InvalidArgumentError, type ErrorCode } from '../errors.js';
import { GrpcStatus } from '../lib/grpc-status.js';

/** every ErrorCode, checked complete by the type */
const ERROR_CODES: Record<ErrorCode, true> = {
  INVALID_ARGUMENT: true,
  NOT_FOUND: true,
  ALREADY_EXISTS: true,
  ABORTED: true,
  FAILED_PRECONDITION: true,
  OUT_OF_RANGE: true,
  PERMISSION_DENIED: true,
  RESOURCE_EXHAUSTED: true,
  UNAVAILABLE: true,
  DEADLINE_EXCEEDED: true,
  CANCELLED: true,
  INTERNAL: true,
};

/** every FlotillaError code is the gRPC status of the same name; any other status reads back as INTERNAL */
export const GRPC_CODES = Object.fromEntries(Object.keys(ERROR_CODES).map((c) => [c, GrpcStatus[c as ErrorCode]])) as Record<ErrorCode, number>;

/** metadata key carrying field paths of an INVALID_ARGUMENT, one entry per issue, as JSON */
export const FIELD_ISSUE_KEY = 'flotilla-field-issue-bin';

const BY_GRPC = new Map<number, ErrorCode>(Object.entries(GRPC_CODES).map(([k, v]) => [v, k as ErrorCode]));

/** what a failed call carries, from grpc-js (ServiceError) or flotctl's client (CallError) */
export interface CallFailure extends Error {
  code?: number;
  details?: string;
  metadata?: { get(key: string): (string | Buffer)[] };
}

/** A gRPC client error -> FlotillaError (for the CLI and internal clients). */
export function fromGrpcError(err: CallFailure): FlotillaError {
  const code = err.code !== undefined ? (BY_GRPC.get(err.code) ?? 'INTERNAL') : 'INTERNAL';
  const message = err.details ?? err.message;
  if (code === 'INVALID_ARGUMENT' && err.metadata) {
    const issues = err.metadata.get(FIELD_ISSUE_KEY).flatMap((b) => {
      try {
        return [JSON.parse(Buffer.isBuffer(b) ? b.toString('utf8') : b)];
      } catch {
        return [];
      }
    });
    if (issues.length > 0) return new InvalidArgumentError(issues, { cause: err });
  }
  return new FlotillaError(code, message, { cause: err, retryable: code === 'UNAVAILABLE' });
}
