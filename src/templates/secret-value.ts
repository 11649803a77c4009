// SecretValue: how a secret travels through template contexts. Whoever
// resolves Secrets for a run (the agent) wraps each plain value in a
// SecretValue and puts it under the context's `secrets` root
// (templateContext({ secrets: { db: { password: new SecretValue('...') } } })),
// so templates write `{{secrets.db.password}}`. Printing it into a template
// gives the plain value; everything else that turns it into text — JSON
// (pino, events, the API), util.inspect (console, assert), string
// concatenation — sees `[redacted]`. The engine records which plain values
// went into an output (RenderOptions.revealed) so callers can mask them in
// diffs and logs with redactSecrets().

import { inspect } from 'node:util';

/** What a SecretValue shows anywhere but in a template's output. */
export const REDACTED = '[redacted]';

export class SecretValue {
  readonly #plain: string;

  /**
   * @param plain the secret itself
   * @param ref where it came from, for messages (e.g. `Secret default/db password`); never the value
   */
  constructor(
    plain: string,
    readonly ref?: string,
  ) {
    if (typeof plain !== 'string') throw new TypeError('a SecretValue holds a string');
    this.#plain = plain;
  }

  /** The plain value. Only the template engine and the code that hands it to a module should call this. */
  reveal(): string {
    return this.#plain;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
}

/** Whether `v` is a SecretValue. */
export function isSecretValue(v: unknown): v is SecretValue {
  return v instanceof SecretValue;
}

/** Secrets shorter than this are not masked by redactSecrets (masking "1" would garble every text). */
export const MIN_REDACTED_LENGTH = 4;

/**
 * Replaces every occurrence of each plain value in `revealed` with
 * `[redacted]` (longest first, so a secret that contains another is masked
 * whole). Values shorter than MIN_REDACTED_LENGTH are left alone.
 */
export function redactSecrets(text: string, revealed: Iterable<string>): string {
  const values = [...new Set(revealed)].filter((v) => v.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}
