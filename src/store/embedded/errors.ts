// Errors only the embedded backend raises. Everything else it throws comes
// from src/errors.ts.

import { FlotillaError } from '../../errors.js';

/**
 * Stored data failed a check (bad checksum or header in the middle of a file,
 * a record that does not fit the state before it). The store refuses to open
 * rather than silently drop acknowledged writes; a person must look at `file`.
 */
export class CorruptionError extends FlotillaError {
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
    opts: ErrorOptions = {},
  ) {
    super('INTERNAL', `embedded store: ${file}: offset ${offset}: ${reason}`, opts);
  }
}
