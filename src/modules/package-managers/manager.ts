// The one small interface the package module drives (apt, dnf, apk), and the
// way managers run their CLIs: through modules/process.ts, in /, with a C
// locale (their output is parsed) and the context's environment. Managers
// never take locks or decide what to change; the package module does both.

import { FlotillaError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { runProcess, shellQuote, type ProcessOutcome } from '../process.js';

export const MANAGER_NAMES = ['apt', 'dnf', 'apk'] as const;
export type ManagerName = (typeof MANAGER_NAMES)[number];

/** What the manager knows about one package name. */
export interface PackageInfo {
  /** the installed version */
  readonly installed?: string;
  /** the version an install or upgrade would give */
  readonly candidate?: string;
  /** every version the sources offer, when the manager lists them */
  readonly versions?: readonly string[];
  /** removed but its configuration files are still there (dpkg "rc") */
  readonly residual?: boolean;
}

/**
 * A package to install. `version` is the version the plan expects after the
 * transaction (managers that can ask for an exact version do, so apply does
 * what check planned even when the sources changed in between); `pinned` is
 * set when the user wrote `name=version`, for managers where asking for a
 * version also records a constraint (apk's world file).
 */
export interface PackageTarget {
  readonly name: string;
  readonly version?: string;
  readonly pinned?: boolean;
}

/** The outcome of a transaction: the CLI's exit code and output tails. */
export interface TransactionOutcome {
  readonly rc: number;
  readonly stdout: string;
  readonly stderr: string;
  /** the command line, for messages */
  readonly command: string;
  /** a lock held by someone else or a network error: trying later may work */
  readonly retryable: boolean;
}

export interface PackageManager {
  readonly name: ManagerName;
  /** installed / candidate versions of each name; a name the manager does not know maps to {} */
  query(names: readonly string[], signal: AbortSignal): Promise<Map<string, PackageInfo>>;
  /** refreshes the package index (apt-get update, ...); rejects with a retryable error when it fails */
  refresh(signal: AbortSignal): Promise<void>;
  /** installs (or, with latest, also upgrades) every target in ONE transaction */
  install(targets: readonly PackageTarget[], opts: { latest: boolean; signal: AbortSignal }): Promise<TransactionOutcome>;
  /** removes every name in one transaction (apt: purge) */
  remove(names: readonly string[], signal: AbortSignal): Promise<TransactionOutcome>;
  /** orders two versions (<0, 0, >0) by the manager's rules, when it knows them */
  compareVersions?(a: string, b: string): number;
}

/** Runs one CLI call; the managers' only way to the system. */
export type Exec = (argv: readonly string[], signal: AbortSignal) => Promise<ProcessOutcome>;

/** output kept from a query (parsed: it must not be cut) and from a transaction (shown) */
const QUERY_OUTPUT_BYTES = 8 * 1024 * 1024;
const TRANSACTION_OUTPUT_BYTES = 64 * 1024;

export interface ExecOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly clock: Clock;
}

/** An Exec with a C locale over `env`; query output that had to be cut is an error. */
export function managerExec(o: ExecOptions, kind: 'query' | 'transaction'): Exec {
  const env = { ...o.env, LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' };
  return async (argv, signal) => {
    const out = await runProcess({
      argv,
      cwd: '/',
      env,
      signal,
      maxOutputBytes: kind === 'query' ? QUERY_OUTPUT_BYTES : TRANSACTION_OUTPUT_BYTES,
      clock: o.clock,
    });
    if (kind === 'query' && out.stdoutDropped > 0) {
      throw new FlotillaError('RESOURCE_EXHAUSTED', `${argv[0]} printed more than ${QUERY_OUTPUT_BYTES} bytes; too many packages in one step`);
    }
    return out;
  };
}

/** argv as a shell-quoted line, for messages */
export function commandText(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** the last non-empty line of a text, for one-line messages */
export function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.at(-1)?.trim() ?? '';
}

/** Turns a finished CLI call into a TransactionOutcome; `retryable` from the manager's own patterns. */
export function outcome(argv: readonly string[], out: ProcessOutcome, retryable: RegExp): TransactionOutcome {
  return {
    rc: out.rc,
    stdout: out.stdout,
    stderr: out.stderr,
    command: commandText(argv),
    retryable: out.rc !== 0 && retryable.test(out.stderr + out.stdout),
  };
}
