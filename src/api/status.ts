// FlotillaError <-> gRPC status, converted once at the API edge. Any other
// error becomes INTERNAL with a reference id; the full error is logged on the
// daemon, never sent to the client.

import { randomBytes } from 'node:crypto';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { FlotillaError, InvalidArgumentError } from '../errors.js';
import { FIELD_ISSUE_KEY, GRPC_CODES } from './status-codes.js';
import type { Logger } from '../log.js';

export { FIELD_ISSUE_KEY, fromGrpcError } from './status-codes.js';

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
    return { code: GRPC_CODES[err.code], details: err.message, metadata };
  }
  const ref = randomBytes(6).toString('hex');
  log.error({ err, ref }, 'internal error');
  return { code: GrpcStatus.INTERNAL, details: `internal error (ref ${ref})`, metadata };
}
