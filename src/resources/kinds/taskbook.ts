// TaskBook: what to do on which nodes. Steps (file, package, command, or a
// barrier between phases) with their controls (loop, when, register,
// timeout, retries, runOnce + export, notify), handlers, vars, targets and a
// rollout strategy; steps may also come from TaskBooks kept in git
// (`include`). This file owns the step schema, which CronJobs and Runs reuse
// for inline steps, and the cross-checks between steps and handlers.
//
// Module args are rendered as handlebars templates before a module sees them,
// so wherever an arg is a scalar (mode, state, backup, ...) a string holding
// `{{` is accepted as is, and the literal form is checked only otherwise.
// Running steps belongs to agent/ and modules/, planning phases to runs/.

import {
  anyJson,
  array,
  bool,
  convert,
  duration,
  enumOf,
  identifier,
  int,
  isArray,
  isBoolean,
  isNumber,
  isString,
  isTemplate,
  map,
  object,
  octalMode,
  optional,
  quote,
  required,
  string,
  templated,
  timestamp,
  union,
  type Fields,
  type JsonObject,
  type JsonValue,
  type Issues,
  type Path,
  type PercentOrInt,
  type Schema,
} from '../schema.js';
import { treePathProblem } from '../git-source.js';
import {
  DEFAULT_GIT_REF,
  RUN_PHASES,
  gitSourceSchema,
  objectName,
  strategySchema,
  targetsSchema,
  varsSchema,
  type GitSource,
  type RunPhase,
  type Strategy,
  type Targets,
} from './common.js';
import type { ClusterConfig } from './config.js';

/** A module arg that may also be a template string (rendered before the module runs). */
export type Templatable<T> = T | string;

export const FILE_STATES = ['present', 'absent', 'directory', 'link'] as const;
export type FileState = (typeof FILE_STATES)[number];

/** The file module: a file's content and metadata, a directory, a symlink, or its absence. */
export interface FileArgs {
  /** absolute path on the node */
  path: string;
  /** literal content (state present) */
  content?: string;
  /** inline handlebars text rendered on the node (state present) */
  template?: string;
  /** a file in the TaskBook's git tree, rendered when it ends in `.hbs` (state present) */
  src?: string;
  /** default present; with present exactly one of content / template / src is required */
  state?: Templatable<FileState>;
  /** where the symlink points (state link only) */
  target?: string;
  /** octal mode as a quoted string, '0644' */
  mode?: string;
  /** user name or numeric uid */
  owner?: string;
  /** group name or numeric gid */
  group?: string;
  /** keep the previous file as `<path>.<timestamp>~` before replacing it; default false */
  backup?: Templatable<boolean>;
  /** command that must succeed on the new content before it replaces the file; `%s` is the temp file's path */
  validate?: string;
}

export const PACKAGE_STATES = ['present', 'absent', 'latest'] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];
export const PACKAGE_MANAGERS = ['auto', 'apt', 'dnf', 'apk'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** The package module: install, remove or upgrade packages in one transaction. */
export interface PackageArgs {
  /** one package or a list, installed together; a version pin as the manager writes it (`nginx=1.24.0-1`) */
  name: string | string[];
  /** default present */
  state?: Templatable<PackageState>;
  /** default auto: the node's package manager (facts.packageManager) */
  manager?: Templatable<PackageManager>;
}

/** The command module: run a program; idempotent only through its guards. */
export interface CommandArgs {
  /** a shell command line, run by /bin/sh -c (exactly one of cmd / argv) */
  cmd?: string;
  /** a program and its arguments, executed without a shell */
  argv?: string[];
  /** working directory; default / */
  cwd?: string;
  /** extra environment variables (numbers and booleans are turned into strings) */
  env?: Record<string, string>;
  /** kill the process after this long; default the step's timeout */
  timeout?: string;
  /** skip when this path exists */
  creates?: string;
  /** skip unless this path exists */
  removes?: string;
  /** skip when this shell command succeeds */
  unless?: string;
  /** run only when this shell command succeeds */
  onlyIf?: string;
  /** whether the step counts as changed: true, false or a template over `rc`, `stdout`, `stderr`; default true */
  changedWhen?: boolean | string;
  /** whether the step failed: true, false or a template over `rc`, `stdout`, `stderr`; default `rc != 0` */
  failedWhen?: boolean | string;
  /** output kept per stream, bytes (the tail); default 65536 */
  maxOutputBytes?: Templatable<number>;
}

export const EXPORT_SOURCES = ['stdout', 'file', 'register'] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

/** Where a runOnce step's result goes: a Variable every node can read. */
export interface StepExport {
  /** name of the Variable (in the run's namespace) to create or update */
  variable: string;
  /**
   * What to store: the command's stdout, a file's content, or the registered
   * result. Default: stdout for a command step, file for a file step.
   */
  from?: ExportSource;
  /** the file to read for `from: file`; default the file step's path, or the command's `creates` */
  path?: string;
}

/** Controls every step and handler may carry. */
export interface StepControls {
  /** run the step once per item: a list, or a template that renders one; `item` and `index` are then visible */
  loop?: JsonValue[] | string;
  /** run only when this template renders truthy (or a literal boolean) */
  when?: boolean | string;
  /** keep the step's result under this name for later steps on the same node */
  register?: string;
  /** limit of one attempt on one node; default Config runs.stepTimeout */
  timeout?: string;
  /** attempts after the first failure; default 0 */
  retries?: number;
  /** wait between attempts; default '0s' */
  delay?: string;
  /** a failure is reported but does not fail the node; default false */
  ignoreErrors?: boolean;
  /** handlers to notify when the step changed something */
  notify?: string[];
}

/** The modules a step or handler runs; exactly one. */
export interface StepModules {
  file?: FileArgs;
  package?: PackageArgs;
  command?: CommandArgs;
}

/**
 * One step: exactly one of file / package / command / barrier. A barrier is
 * a label only: nobody passes it until every targeted node has finished the
 * phase before it, so it takes no module and no controls.
 */
export interface Step extends StepControls, StepModules {
  /** shown in progress and logs; default derived from the module and its main arg */
  name?: string;
  /** a barrier's label; ends the current phase */
  barrier?: string;
  /** run on one live node only (the others wait for its result); default false */
  runOnce?: boolean;
  /** write the result to a Variable (requires runOnce) */
  export?: StepExport;
}

/** A handler: a named step that runs once at the end of a node's phase, only if notified. */
export interface Handler extends StepControls, StepModules {
  /** what steps notify; unique in the TaskBook */
  name: string;
}

/** Steps of a TaskBook kept in git, run before the inline steps, in list order. */
export interface Include {
  git: GitSource;
}

export interface TaskBookSpec {
  /**
   * Where it runs. Required to run the TaskBook directly (a Run may narrow it
   * with `nodes`); the targets of an included TaskBook are ignored.
   */
  targets?: Targets;
  /** batches and failure tolerance; defaults from Config runs.strategy */
  strategy?: Strategy;
  /** template variables; they override Variables and ClusterVariables and are overridden by a run's `set` */
  vars?: JsonObject;
  /** TaskBooks from git whose steps and handlers come first, in order */
  include?: Include[];
  /** steps, in order; barriers split them into phases */
  steps?: Step[];
  /** steps that run only when notified */
  handlers?: Handler[];
  /** limit of a whole run of this TaskBook; default Config runs.runTimeout */
  timeout?: string;
}

export interface TaskBookStatus {
  /** the latest Run of this TaskBook */
  lastRun?: string;
  lastRunPhase?: RunPhase;
  /** when the latest Run started (RFC 3339) */
  lastRunAt?: string;
}

/** Template roots a `register` name must not shadow. */
export const RESERVED_TEMPLATE_NAMES = ['vars', 'facts', 'node', 'cluster', 'item', 'index', 'secrets'] as const;

const MAX_STEPS = 1000;
const MAX_HANDLERS = 200;
const DEFAULT_MAX_OUTPUT_BYTES = 65_536;

const text = (maxLength = 4096): Schema<string> => string({ maxLength });

const absolutePath = (): Schema<string> =>
  string({
    maxLength: 4096,
    check(s) {
      if (isTemplate(s)) return undefined;
      if (!s.startsWith('/')) return `must be an absolute path (got ${quote(s)})`;
      if (s.includes('\u0000')) return 'must not contain NUL';
      return undefined;
    },
  });

const userOrGroup = (what: string): Schema<string> =>
  union<string>(`a ${what} name or numeric id`, [
    {
      when: isString,
      schema: templated(string({ maxLength: 64, pattern: /^[^\s:/]+$/, patternMessage: `must be a ${what} name or numeric id` })),
    },
    { when: isNumber, schema: convert(int({ min: 0, max: 4_294_967_294 }), String) },
  ]);

/** A template condition: a literal boolean or a string holding `{{`. */
const condition = (): Schema<boolean | string> =>
  union<boolean | string>("true, false or a template such as '{{eq rc 2}}'", [
    { when: isBoolean, schema: bool() },
    {
      when: isString,
      schema: string({
        maxLength: 4096,
        check: (s) => (isTemplate(s) ? undefined : `must be true, false or a template such as '{{eq rc 2}}' (a plain string is always truthy)`),
      }),
    },
  ]);

const fileArgsSchema = object<FileArgs>(
  {
    path: required(absolutePath()),
    content: optional(string({ minLength: 0 })),
    template: optional(string({ minLength: 0 })),
    src: optional(string({ maxLength: 4096, check: (s) => (isTemplate(s) ? undefined : treePathProblem(s)) })),
    state: optional(templated(enumOf(FILE_STATES))),
    target: optional(text()),
    mode: optional(templated(octalMode())),
    owner: optional(userOrGroup('user')),
    group: optional(userOrGroup('group')),
    backup: optional(templated(bool())),
    validate: optional(text()),
  },
  {
    refine(f, { path, issues, clean }) {
      if (!clean) return;
      const state = isTemplate(f.state) ? undefined : ((f.state as FileState | undefined) ?? 'present');
      const sources = (['content', 'template', 'src'] as const).filter((k) => f[k] !== undefined);
      if (state === undefined || state === 'present') {
        if (sources.length > 1) {
          issues.add(path, `must have exactly one of: content, template, src (found ${sources.join(' and ')})`, { path: [...path, sources[1]], key: true });
        } else if (sources.length === 0 && state === 'present') {
          issues.add(path, 'must have exactly one of: content, template, src (or a state other than present)');
        }
      } else {
        for (const k of sources) issues.add([...path, k], `is not allowed with state ${state}`, { path: [...path, k], key: true });
        const contentOnly = state === 'absent' ? (['mode', 'owner', 'group', 'backup', 'validate'] as const) : (['backup', 'validate'] as const);
        for (const k of contentOnly) if (f[k] !== undefined) issues.add([...path, k], `is not allowed with state ${state}`, { path: [...path, k], key: true });
      }
      if (state === 'link' && f.target === undefined) issues.add([...path, 'target'], 'is required when state is link', { path });
      if (state !== undefined && state !== 'link' && f.target !== undefined) {
        issues.add([...path, 'target'], 'is allowed only with state link', { path: [...path, 'target'], key: true });
      }
    },
  },
);

const packageName = (): Schema<string> =>
  string({
    maxLength: 256,
    check: (s) => (isTemplate(s) || /^[A-Za-z0-9_][^\s]*$/.test(s) ? undefined : `${quote(s)} is not a package name (no spaces, not starting with '-')`),
  });

const packageArgsSchema = object<PackageArgs>({
  name: required(
    union<string | string[]>('a package name or a list of them', [
      { when: isString, schema: packageName() },
      { when: isArray, schema: array(packageName(), { minItems: 1, maxItems: 500, unique: true }) },
    ]),
  ),
  state: optional(templated(enumOf(PACKAGE_STATES))),
  manager: optional(templated(enumOf(PACKAGE_MANAGERS))),
});

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const envValue = (): Schema<string> =>
  union<string>('a string, number or boolean', [
    { when: isString, schema: string({ minLength: 0 }) },
    { when: (v) => isNumber(v) || isBoolean(v), schema: convert(anyJson(), (v) => JSON.stringify(v)) },
  ]);

const commandArgsSchema = object<CommandArgs>(
  {
    cmd: optional(string({ maxLength: 65_536 })),
    argv: optional(array(string({ minLength: 0, maxLength: 65_536 }), { minItems: 1, maxItems: 4096 })),
    cwd: optional(absolutePath()),
    env: optional(
      map(envValue(), {
        maxEntries: 1000,
        key: (k) => (ENV_NAME.test(k) ? undefined : `environment variable name ${quote(k)} must be letters, digits and '_', not starting with a digit`),
      }),
    ),
    timeout: optional(templated(duration({ min: '1ms' }))),
    creates: optional(absolutePath()),
    removes: optional(absolutePath()),
    unless: optional(string({ maxLength: 65_536 })),
    onlyIf: optional(string({ maxLength: 65_536 })),
    changedWhen: optional(condition()),
    failedWhen: optional(condition()),
    maxOutputBytes: optional(templated(int({ min: 1024, max: 1_048_576, message: 'must be an integer from 1024 to 1048576' }))),
  },
  { exactlyOne: [['cmd', 'argv']] },
);

const stepName = (): Schema<string> => string({ maxLength: 256, pattern: /^[^\n\r]*$/, patternMessage: 'must be a single line' });

const loopSchema = (): Schema<JsonValue[] | string> =>
  union<JsonValue[] | string>('a list or a template that renders one', [
    { when: isArray, schema: array(anyJson(), { maxItems: 10_000 }) },
    {
      when: isString,
      schema: string({ maxLength: 4096, check: (s) => (isTemplate(s) ? undefined : `must be a list or a template such as '{{vars.users}}' (got ${quote(s)})`) }),
    },
  ]);

const controlFields: Fields<StepControls> = {
  loop: optional(loopSchema()),
  when: optional(condition()),
  register: optional(identifier()),
  timeout: optional(duration({ min: '1ms' })),
  retries: optional(int({ min: 0, max: 100, message: 'must be an integer from 0 to 100' })),
  delay: optional(duration()),
  ignoreErrors: optional(bool()),
  notify: optional(array(string({ maxLength: 256 }), { minItems: 1, maxItems: 100, unique: true })),
};

const moduleFields: Fields<StepModules> = {
  file: optional(fileArgsSchema),
  package: optional(packageArgsSchema),
  command: optional(commandArgsSchema),
};

/** The keys a barrier step may carry besides `barrier`. */
const BARRIER_KEYS = new Set(['barrier', 'name']);

function checkRegister(r: string | undefined, path: Path, issues: Issues): void {
  if (r !== undefined && (RESERVED_TEMPLATE_NAMES as readonly string[]).includes(r)) {
    issues.add([...path, 'register'], `'${r}' is reserved for templates (${RESERVED_TEMPLATE_NAMES.join(', ')})`);
  }
}

export const stepSchema = object<Step>(
  {
    name: optional(stepName()),
    ...moduleFields,
    barrier: optional(string({ maxLength: 256, pattern: /^[^\n\r]*$/, patternMessage: 'must be a single line' })),
    ...controlFields,
    runOnce: optional(bool()),
    export: optional(
      object<StepExport>({
        variable: required(objectName('Variable name')),
        from: optional(enumOf(EXPORT_SOURCES)),
        path: optional(absolutePath()),
      }),
    ),
  },
  {
    exactlyOne: [['file', 'package', 'command', 'barrier']],
    refine(s, { path, issues, raw, clean }) {
      if (!clean) return;
      if (s.barrier !== undefined) {
        for (const k of Object.keys(raw)) {
          if (!BARRIER_KEYS.has(k) && raw[k] !== null && raw[k] !== undefined) {
            issues.add([...path, k], 'is not allowed on a barrier step (a barrier takes only a name)', { path: [...path, k], key: true });
          }
        }
        return;
      }
      checkRegister(s.register, path, issues);
      const e = s.export;
      if (e === undefined) return;
      const ePath = [...path, 'export'];
      if (s.runOnce !== true) issues.add(ePath, 'requires runOnce: true (one node produces the value every node reads)');
      const from = e.from ?? (s.command ? 'stdout' : s.file ? 'file' : undefined);
      if (from === undefined) issues.add([...ePath, 'from'], 'is required for a package step (stdout, file or register)', { path: ePath });
      if (from === 'stdout' && !s.command) issues.add([...ePath, 'from'], 'stdout needs a command step');
      if (from === 'register' && s.register === undefined) issues.add([...ePath, 'from'], 'register needs the step to set register');
      if (from === 'file' && e.path === undefined && !s.file && s.command?.creates === undefined) {
        issues.add([...ePath, 'path'], "is required for from: file unless the step is a file step or a command with 'creates'", { path: ePath });
      }
      if (e.path !== undefined && from !== 'file') issues.add([...ePath, 'path'], 'is allowed only with from: file', { path: [...ePath, 'path'], key: true });
    },
  },
);

export const handlerSchema = object<Handler>(
  {
    name: required(stepName()),
    ...moduleFields,
    ...controlFields,
  },
  {
    exactlyOne: [['file', 'package', 'command']],
    refine(h, { path, issues, clean }) {
      if (clean) checkRegister(h.register, path, issues);
    },
  },
);

export const stepsSchema = array(stepSchema, { maxItems: MAX_STEPS });
export const handlersSchema = array(handlerSchema, { maxItems: MAX_HANDLERS });

/**
 * Cross-checks between steps and handlers at `path` (the object holding
 * `steps` and `handlers`): handler names are unique, and every `notify`
 * names a handler of the same object (an included TaskBook brings its own
 * handlers for its own steps). Reads defensively: items that failed to parse
 * are undefined.
 */
export function checkStepRefs(steps: readonly (Step | undefined)[] | undefined, handlers: readonly (Handler | undefined)[] | undefined, path: Path, issues: Issues): void {
  const names = new Set<string>();
  (handlers ?? []).forEach((h, i) => {
    if (h?.name === undefined) return;
    if (names.has(h.name)) issues.add([...path, 'handlers', i, 'name'], `duplicate handler name '${h.name}'`);
    names.add(h.name);
  });
  const known = names.size > 0 ? ` (handlers: ${[...names].join(', ')})` : ' (there are no handlers)';
  const checkNotify = (list: 'steps' | 'handlers', i: number, notify: readonly string[] | undefined, self?: string): void => {
    (notify ?? []).forEach((n, j) => {
      if (n === undefined) return;
      if (n === self) issues.add([...path, list, i, 'notify', j], 'a handler cannot notify itself');
      else if (!names.has(n)) issues.add([...path, list, i, 'notify', j], `no handler named '${n}'${known}`);
    });
  };
  (steps ?? []).forEach((s, i) => checkNotify('steps', i, s?.notify));
  (handlers ?? []).forEach((h, i) => checkNotify('handlers', i, h?.notify, h?.name));
}

export const includeSchema = object<Include>({ git: required(gitSourceSchema) });

export const taskBookSpecSchema = object<TaskBookSpec>(
  {
    targets: optional(targetsSchema),
    strategy: optional(strategySchema),
    vars: optional(varsSchema()),
    include: optional(array(includeSchema, { maxItems: 100 })),
    steps: optional(stepsSchema),
    handlers: optional(handlersSchema),
    timeout: optional(duration({ min: '1s' })),
  },
  {
    atLeastOne: [['steps', 'include']],
    refine(tb, { path, issues }) {
      checkStepRefs(tb.steps, tb.handlers, path, issues);
    },
  },
);

export const taskBookStatusSchema = object<TaskBookStatus>({
  lastRun: optional(objectName('Run name')),
  lastRunPhase: optional(enumOf(RUN_PHASES)),
  lastRunAt: optional(timestamp()),
});

export interface DefaultedFileArgs extends FileArgs {
  state: Templatable<FileState>;
  /** set (default false) only for state present */
  backup?: Templatable<boolean>;
}

export interface DefaultedPackageArgs extends PackageArgs {
  state: Templatable<PackageState>;
  manager: Templatable<PackageManager>;
}

export interface DefaultedCommandArgs extends CommandArgs {
  cwd: string;
  env: Record<string, string>;
  timeout: string;
  changedWhen: boolean | string;
  maxOutputBytes: Templatable<number>;
}

/** Controls with their defaults filled in; a barrier step keeps only name and barrier. */
export interface DefaultedStep extends Step {
  name: string;
  file?: DefaultedFileArgs;
  package?: DefaultedPackageArgs;
  command?: DefaultedCommandArgs;
  timeout?: string;
  retries?: number;
  delay?: string;
  ignoreErrors?: boolean;
  runOnce?: boolean;
  notify?: string[];
}

export interface DefaultedHandler extends Handler {
  file?: DefaultedFileArgs;
  package?: DefaultedPackageArgs;
  command?: DefaultedCommandArgs;
  timeout: string;
  retries: number;
  delay: string;
  ignoreErrors: boolean;
  notify: string[];
}

export interface DefaultedTaskBookSpec {
  targets?: Targets;
  strategy: { serial: PercentOrInt; maxFailPercentage: number };
  vars: JsonObject;
  include: { git: Required<GitSource> }[];
  steps: DefaultedStep[];
  handlers: DefaultedHandler[];
  timeout: string;
}

function shorten(s: string, max = 60): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/** The name a step shows when it sets none: `package nginx`, `file /etc/motd`, `command make-token`. */
export function defaultStepName(s: Step): string {
  if (s.barrier !== undefined) return s.barrier;
  if (s.file) return `file ${s.file.path}`;
  if (s.package) return `package ${shorten(Array.isArray(s.package.name) ? s.package.name.join(', ') : s.package.name)}`;
  if (s.command) return `command ${shorten(s.command.cmd ?? (s.command.argv ?? []).join(' '))}`;
  return 'step';
}

function moduleDefaults<T extends StepModules>(s: T, stepTimeout: string): StepModules {
  const out: StepModules = {};
  if (s.file) {
    const state = s.file.state ?? 'present';
    // backup means something only for file content; other states must not carry it, not even the default
    const contentState = state === 'present' || isTemplate(state);
    out.file = { ...s.file, state, ...(contentState ? { backup: s.file.backup ?? false } : {}) };
  }
  if (s.package) out.package = { ...s.package, state: s.package.state ?? 'present', manager: s.package.manager ?? 'auto' } satisfies DefaultedPackageArgs;
  if (s.command) {
    out.command = {
      ...s.command,
      cwd: s.command.cwd ?? '/',
      env: s.command.env ?? {},
      timeout: s.command.timeout ?? stepTimeout,
      changedWhen: s.command.changedWhen ?? true,
      maxOutputBytes: s.command.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    } satisfies DefaultedCommandArgs;
  }
  return out;
}

/** Steps with names, controls and module args defaulted; `stepTimeout` is the cluster default. */
export function defaultSteps(steps: readonly Step[], stepTimeout: string): DefaultedStep[] {
  return steps.map((s) => {
    if (s.barrier !== undefined) return { name: s.name ?? s.barrier, barrier: s.barrier };
    const timeout = s.timeout ?? stepTimeout;
    return {
      ...s,
      ...moduleDefaults(s, timeout),
      name: s.name ?? defaultStepName(s),
      timeout,
      retries: s.retries ?? 0,
      delay: s.delay ?? '0s',
      ignoreErrors: s.ignoreErrors ?? false,
      runOnce: s.runOnce ?? false,
      notify: s.notify ?? [],
    } as DefaultedStep;
  });
}

export function defaultHandlers(handlers: readonly Handler[], stepTimeout: string): DefaultedHandler[] {
  return handlers.map((h) => {
    const timeout = h.timeout ?? stepTimeout;
    return {
      ...h,
      ...moduleDefaults(h, timeout),
      timeout,
      retries: h.retries ?? 0,
      delay: h.delay ?? '0s',
      ignoreErrors: h.ignoreErrors ?? false,
      notify: h.notify ?? [],
    } as DefaultedHandler;
  });
}

export function withDefaults(spec: TaskBookSpec, cluster: ClusterConfig): DefaultedTaskBookSpec {
  const stepTimeout = cluster.runs.stepTimeout;
  return {
    ...(spec.targets ? { targets: spec.targets } : {}),
    strategy: {
      serial: spec.strategy?.serial ?? cluster.runs.strategy.serial,
      maxFailPercentage: spec.strategy?.maxFailPercentage ?? cluster.runs.strategy.maxFailPercentage,
    },
    vars: spec.vars ?? {},
    include: (spec.include ?? []).map((i) => ({ git: { ...i.git, ref: i.git.ref ?? DEFAULT_GIT_REF } })),
    steps: defaultSteps(spec.steps ?? [], stepTimeout),
    handlers: defaultHandlers(spec.handlers ?? [], stepTimeout),
    timeout: spec.timeout ?? cluster.runs.runTimeout,
  };
}
