// What every flotctl command gets: the client, where to print, and the
// shared helpers for kinds and namespaces.

import type { ParseArgsConfig } from 'node:util';
import { FlotillaError, InvalidArgumentError, formatIssue } from '../src/errors.js';
import type { KindInfo } from '../src/resources/index.js';
import type { Client } from './client.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** true when stdout is a terminal (live progress, colours) */
  readonly isTty: boolean;
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
}

export interface Context {
  readonly client: Client;
  readonly io: Io;
}

/** flotctl usage mistakes; main() prints them with the usage line and exits 2 */
export class UsageError extends FlotillaError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/**
 * The resource model (kind registry, YAML parsing, validation), loaded on
 * first use: building every kind's schema costs ~20 ms, and `flotctl run`
 * never needs it.
 */
export function resources(): Promise<typeof import('../src/resources/index.js')> {
  return import('../src/resources/index.js');
}

export async function kindArg(name: string | undefined): Promise<KindInfo> {
  if (!name) throw new UsageError('a kind is required (e.g. taskbooks, nodes, runs)');
  const { lookupKind, KINDS } = await resources();
  const k = lookupKind(name);
  if (!k) throw new UsageError(`unknown kind '${name}'; known kinds: ${KINDS.map((x) => x.plural).join(', ')}`);
  return k;
}

export function display(kind: KindInfo, name: string): string {
  return `${kind.singular}/${name}`;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: Context, positionals: string[], values: Record<string, unknown>): Promise<number>;
}

/** one or more lines, each naming where and what */
export function errorText(err: unknown): string {
  if (err instanceof InvalidArgumentError) return err.issues.map((i) => `error: ${formatIssue(i)}`).join('\n');
  if (err instanceof FlotillaError) return `error: ${err.message}`;
  return `error: ${(err as Error).message ?? String(err)}`;
}
