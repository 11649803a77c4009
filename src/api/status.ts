// FlotillaError <-> gRPC status, converted once at the API edge. Any other
// error becomes INTERNAL with a reference id; the full error is logged on the
// daemon, never sent to the client.

import { randomBytes } from 'node:crypto';
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { FlotillaError, InvalidArgumentError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';

const CODES: Record<ErrorCode, GrpcStatus> = {
  INVALID_ARGUMENT: GrpcStatus.INVALID_ARGUMENT,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
  ABORTED: GrpcStatus.ABORTED,
  FAILED_PRECONDITION: GrpcStatus.FAILED_PRECONDITION,
  OUT_OF_RANGE: GrpcStatus.OUT_OF_RANGE,
  PERMISSION_DENIED: GrpcStatus.PERMISSION_DENIED,
  RESOURCE_EXHAUSTED: GrpcStatus.RESOURCE_EXHAUSTED,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  DEADLINE_EXCEEDED: GrpcStatus.DEADLINE_EXCEEDED,
  CANCELLED: GrpcStatus.CANCELLED,
  INTERNAL: GrpcStatus.INTERNAL,
};

/** metadata key carrying field paths of an INVALID_ARGUMENT, one entry per issue, as JSON */
export const FIELD_ISSUE_KEY = 'flotilla-field-issue-bin';

export interface GrpcErrorStatus {
  code: GrpcStatus;
  details: string;
  metadata: Metadata;
}

export function toGrpcStatus(err: unknown, log: Logger): GrpcErrorStatus {
  const metadata = new Metadata();
  if (err instanceof FlotillaError) {
    if (err instanceof InvalidArgumentError) {
      for (const issue of err.issues) metadata.add(FIELD_ISSUE_KEY, Buffer.from(JSON.stringify(issue)));
    }
    if (err.code === 'INTERNAL') log.error({ err }, 'internal error');
    return { code: CODES[err.code], details: err.message, metadata };
  }
  const ref = randomBytes(6).toString('hex');
  log.error({ err, ref }, 'internal error');
  return { code: GrpcStatus.INTERNAL, details: `internal error (ref ${ref})`, metadata };
}

const BY_GRPC = new Map<number, ErrorCode>(Object.entries(CODES).map(([k, v]) => [v, k as ErrorCode]));

/** A gRPC client error -> FlotillaError (for the CLI and internal clients). */
export function fromGrpcError(err: ServiceError | Error): FlotillaError {
  const se = err as Partial<ServiceError>;
  const code = se.code !== undefined ? (BY_GRPC.get(se.code) ?? 'INTERNAL') : 'INTERNAL';
  const message = se.details ?? err.message;
  if (code === 'INVALID_ARGUMENT' && se.metadata) {
    const issues = se.metadata.get(FIELD_ISSUE_KEY).flatMap((b) => {
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
