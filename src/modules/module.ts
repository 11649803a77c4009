// The contract every module implements (file, package, command; a new one is
// one file). The agent's executor renders a step's args as templates, then
// calls parse -> check -> apply. `apply` carries out exactly what `check`
// planned, so --check, --diff and a real run never disagree. Modules get what
// they may touch through ModuleContext and never import the store, the
// template engine or git directly.

import type { Logger } from '../log.js';
import type { ProcessJournal } from './process-journal.js';

export type ModuleKind = 'file' | 'package' | 'command';

/** Runs a condition template (changedWhen/failedWhen) against extra values such as rc, stdout, stderr. */
export type ConditionEvaluator = (condition: boolean | string, values: Readonly<Record<string, unknown>>, field: string) => boolean;

export interface ModuleContext {
  /** plan only: check() is called, apply() never */
  readonly check: boolean;
  /** produce unified diffs for what would change */
  readonly diff: boolean;
  /** aborted on the step's timeout or the run's cancellation: stop, kill children, reject */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /**
   * Renders a handlebars text with the step's template context (vars, facts,
   * node, cluster, item, index, registered results). Throws INVALID_ARGUMENT
   * naming `name`, the line and the missing variable.
   */
  render(text: string, name: string): string;
  /** evaluates changedWhen / failedWhen after a command ran */
  readonly condition: ConditionEvaluator;
  /**
   * Reads a file of the TaskBook's git tree at the run's pinned commit (file
   * `src`). Undefined when the step has no tree. Rejects with
   * INVALID_ARGUMENT for a path that leaves the tree.
   */
  readonly readSource?: (path: string) => Promise<Uint8Array>;
  /** environment for child processes; default process.env minus FLOTILLA_* */
  readonly env?: Readonly<Record<string, string>>;
  /** settings a module may need on this node (e.g. apt options for tests) */
  readonly settings?: ModuleSettings;
}

export interface ModuleSettings {
  /**
   * extra apt options for every apt-get / apt-cache call, each written `Name=Value` and passed as
   * `-o Name=Value` (tests point apt at a local repo)
   */
  readonly aptOptions?: readonly string[];
  /** serialises package-manager calls on this node (dpkg has one lock) */
  readonly packageLock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** notes the process groups of commands so a restarted daemon can kill what a crashed one left running */
  readonly processJournal?: ProcessJournal;
}

/**
 * One thing the module would change. `what` is the whole line for people ("content", "mode 0600 ->
 * 0644", "install nginx 1.24"); `from` / `to` repeat the values for machines and need not be printed.
 */
export interface Change {
  readonly what: string;
  readonly from?: string;
  readonly to?: string;
}

export interface Plan<D = unknown> {
  /** empty when nothing would change */
  readonly changes: readonly Change[];
  /** a unified diff of file content, when the context asked for diffs and content changes */
  readonly diff?: string;
  /** the module's own data to carry out the plan (never shown) */
  readonly data: D;
  /**
   * Carrying out the plan is not a change (a command with `changedWhen:
   * false`): check mode reports the step ok, "would run", instead of changed.
   */
  readonly noChange?: boolean;
}

export interface Result {
  readonly changed: boolean;
  readonly failed: boolean;
  /** one line for people, e.g. "wrote 214 bytes", "exit code 2" */
  readonly message?: string;
  /** exit code of a command */
  readonly rc?: number;
  /** tails of the output, capped */
  readonly stdout?: string;
  readonly stderr?: string;
  readonly diff?: string;
  /** the value `register` keeps and `export: {from: register}` writes; JSON only */
  readonly data?: Readonly<Record<string, unknown>>;
  /** true when a retry could succeed (e.g. a lock held, a network error) */
  readonly retryable?: boolean;
}

export interface Module<P = unknown, D = unknown> {
  readonly kind: ModuleKind;
  /**
   * Arg fields the executor must NOT render before the module runs, because
   * the module renders them itself (file.template) or evaluates them later
   * (command.changedWhen / failedWhen) or takes them literally (file.content).
   */
  readonly rawFields: readonly string[];
  /** validates rendered args; throws InvalidArgumentError with paths under `at` (e.g. `spec.steps[2].file`) */
  parse(raw: unknown, at: string): P;
  /** reads only; says what apply would change */
  check(p: P, ctx: ModuleContext): Promise<Plan<D>>;
  /** performs exactly plan.changes; never called in check mode or with an empty plan unless the module says so */
  apply(p: P, plan: Plan<D>, ctx: ModuleContext): Promise<Result>;
  /**
   * The result of a step whose check found nothing to change (or, in check
   * mode, what would be reported). Commands always run, so for them this is
   * never used unless a guard skipped the run.
   */
  unchanged(p: P, plan: Plan<D>, ctx: ModuleContext): Result;
  /**
   * Set when loop items may run side by side: up to `limit` at once, provided
   * every item's key differs and no key is a path inside another (the
   * executor checks). Unset: items run one after another.
   */
  readonly concurrency?: { readonly limit: number; key(p: P): string };
}
