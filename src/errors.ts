// Typed errors shared by every subsystem. Codes are gRPC status names, so the
// API edge maps an error to a status with a lookup (api/status.ts) and the CLI
// maps it back. Errors are converted once, at the edge where they enter
// (store/etcd/errors.ts for etcd3, api/status.ts for gRPC); inside, code throws
// only FlotillaError subclasses and keeps `cause`.

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'ABORTED'
  | 'FAILED_PRECONDITION'
  | 'OUT_OF_RANGE'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED'
  | 'INTERNAL';

export class FlotillaError extends Error {
  /** true when the same request may succeed if tried again later */
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    opts: ErrorOptions & { retryable?: boolean } = {},
  ) {
    super(message, opts);
    this.name = new.target.name;
    this.retryable = opts.retryable ?? false;
  }
}

/** One problem in a request or document, at a field path such as `spec.steps[3].file.mode`. */
export interface FieldIssue {
  /** dotted field path, `` for the whole object */
  readonly path: string;
  readonly message: string;
  /** where the document came from, when known */
  readonly source?: { file?: string; document?: number; line?: number; column?: number };
}

/**
 * Formats an issue as `file:line:col path: message` (each part when known),
 * e.g. `web.yaml:2:14 spec.strategy.serial: must be a positive integer or a
 * percentage`; without a line, `web.yaml: document 2: path: message`.
 */
export function formatIssue(issue: FieldIssue): string {
  const s = issue.source;
  let where = '';
  if (s?.file !== undefined) {
    where = s.file;
    if (s.line !== undefined) where += `:${s.line}${s.column !== undefined ? `:${s.column}` : ''} `;
    else where += s.document !== undefined ? `: document ${s.document}: ` : ': ';
  } else if (s?.document !== undefined) {
    where = `document ${s.document}${s.line !== undefined ? ` line ${s.line}` : ''}: `;
  }
  return `${where}${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
}

/** Bad input: the message lists every issue with its field path. */
export class InvalidArgumentError extends FlotillaError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[] | string, opts: ErrorOptions = {}) {
    const list: FieldIssue[] = typeof issues === 'string' ? [{ path: '', message: issues }] : [...issues];
    super('INVALID_ARGUMENT', list.map(formatIssue).join('; '), opts);
    this.issues = list;
  }
}

export class NotFoundError extends FlotillaError {
  constructor(what: string, opts: ErrorOptions = {}) {
    super('NOT_FOUND', `${what} not found`, opts);
  }
}

export class AlreadyExistsError extends FlotillaError {
  constructor(what: string, opts: ErrorOptions = {}) {
    super('ALREADY_EXISTS', `${what} already exists`, opts);
  }
}

/** A compare on a key's revision failed: someone else wrote it first. */
export class RevisionConflictError extends FlotillaError {
  constructor(
    readonly key: string,
    readonly expected: string,
    message?: string,
  ) {
    super('ABORTED', message ?? `'${key}' changed (expected revision ${expected})`);
  }
}

/** A read or watch asked for a revision that compaction removed; re-list and watch again. */
export class CompactedError extends FlotillaError {
  constructor(
    readonly requested: string,
    readonly compactRevision: string,
    opts: ErrorOptions = {},
  ) {
    super('OUT_OF_RANGE', `revision ${requested} has been compacted (oldest available is ${compactRevision})`, opts);
  }
}

export class UnavailableError extends FlotillaError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super('UNAVAILABLE', message, { ...opts, retryable: true });
  }
}

export class FailedPreconditionError extends FlotillaError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super('FAILED_PRECONDITION', message, opts);
  }
}

/** A component was used in a state that does not allow it (e.g. start() twice). */
export class IllegalStateError extends FlotillaError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super('FAILED_PRECONDITION', message, opts);
  }
}

/** The reason given to AbortControllers when a component shuts down. */
export class ShutdownError extends FlotillaError {
  constructor(message = 'shutting down') {
    super('CANCELLED', message);
  }
}

export class DeadlineExceededError extends FlotillaError {
  constructor(message: string, opts: ErrorOptions = {}) {
    super('DEADLINE_EXCEEDED', message, { ...opts, retryable: true });
  }
}

export function isFlotillaError(err: unknown, code?: ErrorCode): err is FlotillaError {
  return err instanceof FlotillaError && (code === undefined || err.code === code);
}

/** Normalises anything thrown into an Error, keeping the original as cause. */
export function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : `non-error thrown: ${String(err)}`, { cause: err });
}
