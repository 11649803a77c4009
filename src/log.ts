// The logging contract: pino, one root logger made in daemon/main.ts, and a
// child per subsystem passed in through deps (`log.child({ subsystem })`).
// Secrets are redacted once, here.

import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** field paths never written to logs, wherever they appear */
export const REDACT_PATHS = [
  'password',
  'token',
  'secret',
  'privateKey',
  'key',
  '*.password',
  '*.token',
  '*.secret',
  '*.privateKey',
  '*.key',
  'spec.data',
  '*.spec.data',
  'authorization',
  '*.authorization',
];

export function createLogger(opts: { level: string; node?: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: opts.level,
      base: opts.node ? { node: opts.node } : {},
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

/** a logger that drops everything (tests, tools) */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
