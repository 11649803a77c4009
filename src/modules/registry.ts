// The modules a node can run, by kind. createRegistry refuses two modules of
// one kind when it is built (at daemon start), so a kind can never be
// ambiguous later; moduleFor picks the module of a step or handler, which
// must carry exactly one of the module keys (file, package, command).

import { InvalidArgumentError } from '../errors.js';
import { commandModule } from './command.js';
import { fileModule } from './file.js';
import type { Module, ModuleKind } from './module.js';
import { packageModule } from './package.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- a registry holds modules of different param types */
export type AnyModule = Module<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ModuleChoice {
  readonly kind: ModuleKind;
  readonly module: AnyModule;
  /** the step's args for that module, as they are (unrendered) */
  readonly args: unknown;
  /** field path of the args, e.g. `spec.steps[2].file` */
  readonly at: string;
}

export interface ModuleRegistry {
  /** kinds in registration order */
  readonly kinds: readonly ModuleKind[];
  /** the module of a kind; throws for a kind that is not registered */
  get(kind: ModuleKind): AnyModule;
  has(kind: string): kind is ModuleKind;
  /**
   * The module a step or handler object runs: exactly one of its keys must be
   * a registered kind. Throws InvalidArgumentError at `at` otherwise.
   */
  moduleFor(step: object, at?: string): ModuleChoice;
}

/** The built-in modules: file, package, command. */
export function defaultModules(): AnyModule[] {
  return [fileModule, packageModule, commandModule];
}

/** Builds a registry; throws when two modules share a kind. Safe to use concurrently (read-only). */
export function createRegistry(modules: readonly AnyModule[]): ModuleRegistry {
  const byKind = new Map<ModuleKind, AnyModule>();
  for (const m of modules) {
    if (byKind.has(m.kind)) throw new Error(`module registry: two modules of kind '${m.kind}'`);
    byKind.set(m.kind, m);
  }
  const kinds = [...byKind.keys()];
  const has = (kind: string): kind is ModuleKind => byKind.has(kind as ModuleKind);
  return {
    kinds,
    has,
    get(kind) {
      const m = byKind.get(kind);
      if (m === undefined) throw new Error(`module registry: no module of kind '${kind}' (registered: ${kinds.join(', ')})`);
      return m;
    },
    moduleFor(step, at = '') {
      const record = step as Record<string, unknown>;
      const found = Object.keys(record).filter((k) => has(k) && record[k] !== undefined && record[k] !== null) as ModuleKind[];
      if (found.length !== 1) {
        const message =
          found.length === 0 ? `must have exactly one of: ${kinds.join(', ')}` : `must have exactly one of: ${kinds.join(', ')} (found ${found.join(' and ')})`;
        throw new InvalidArgumentError([{ path: at, message }]);
      }
      const kind = found[0];
      return { kind, module: byKind.get(kind)!, args: record[kind], at: at === '' ? kind : `${at}.${kind}` };
    },
  };
}
