// The command module: runs a shell command line (`cmd`, through /bin/sh -c)
// or a program with its arguments (`argv`, never through a shell), in `cwd`
// with `env` over the context's environment, stdin from /dev/null. It is
// idempotent only through its guards, which check() evaluates:
// - `creates`: skip when the path exists; `removes`: skip unless it exists;
// - `unless`: skip when this shell command exits 0; `onlyIf`: run only when
//   it exits 0. These guard commands DO run in check mode (and on every
//   run): by convention they only read, like `test -f` or `grep -q`.
// The plan is one change, "run: <command>", or nothing when a guard skips.
// apply() runs the command in its own process group: on `timeout` or when
// ctx.signal aborts, the whole group gets SIGTERM and, 2 s later, SIGKILL.
// Output is kept per stream up to maxOutputBytes (the tail). Whether the step
// changed or failed is decided by changedWhen (default true) and failedWhen
// (default rc != 0), evaluated by ctx.condition over rc, stdout and stderr.

import { stat } from 'node:fs/promises';
import { DeadlineExceededError, FailedPreconditionError } from '../errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { formatDuration, parseDuration } from '../lib/duration.js';
import { ArgReader, quoteValue } from './args.js';
import type { Module, ModuleContext, Plan, Result } from './module.js';
import { childEnv, DEFAULT_KILL_GRACE_MS, runProcess, SHELL, shellQuote, type ProcessOutcome } from './process.js';

const FIELDS = ['cmd', 'argv', 'cwd', 'env', 'timeout', 'creates', 'removes', 'unless', 'onlyIf', 'changedWhen', 'failedWhen', 'maxOutputBytes'] as const;

export const DEFAULT_MAX_OUTPUT_BYTES = 65_536;
const GUARD_OUTPUT_BYTES = 4_096;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface CommandParams {
  readonly at: string;
  /** exactly one of cmd / argv */
  readonly cmd?: string;
  readonly argv?: readonly string[];
  readonly cwd: string;
  /** over ctx.env */
  readonly env: Readonly<Record<string, string>>;
  /** kills the process group after this long; guards get the same limit */
  readonly timeoutMs?: number;
  readonly creates?: string;
  readonly removes?: string;
  readonly unless?: string;
  readonly onlyIf?: string;
  readonly changedWhen: boolean | string;
  /** undefined: failed when rc != 0 */
  readonly failedWhen?: boolean | string;
  readonly maxOutputBytes: number;
}

export interface CommandPlanData {
  /** why a guard skipped the run */
  readonly skipped?: string;
}

export interface CommandModuleOptions {
  readonly clock?: Clock;
  /** between SIGTERM and SIGKILL of the process group; default 2 s */
  readonly killGraceMs?: number;
}

function absolute(p: string): string | undefined {
  if (p.includes('\u0000')) return 'must not contain NUL';
  return p.startsWith('/') ? undefined : `must be an absolute path (got ${quoteValue(p)})`;
}

function durationProblem(t: string): string | undefined {
  const ms = parseDuration(t);
  return ms !== undefined && ms >= 1 ? undefined : `must be a duration such as '30s' or '1m30s' (got ${quoteValue(t)})`;
}

/** the command as people read it */
export function commandLine(p: Pick<CommandParams, 'cmd' | 'argv'>): string {
  return p.cmd ?? (p.argv ?? []).map(shellQuote).join(' ');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function createCommandModule(opts: CommandModuleOptions = {}): Module<CommandParams, CommandPlanData> {
  const clock = opts.clock ?? systemClock;
  const killGraceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  function run(p: CommandParams, ctx: ModuleContext, argv: readonly string[], maxOutputBytes: number): Promise<ProcessOutcome> {
    return runProcess({
      argv,
      cwd: p.cwd,
      env: childEnv(ctx, p.env),
      signal: ctx.signal,
      ...(p.timeoutMs !== undefined ? { timeoutMs: p.timeoutMs } : {}),
      maxOutputBytes,
      killGraceMs,
      clock,
      ...(ctx.settings?.processJournal ? { journal: ctx.settings.processJournal } : {}),
    });
  }

  /** runs a guard command; true when it exits 0 */
  async function guard(p: CommandParams, ctx: ModuleContext, field: 'unless' | 'onlyIf', cmd: string): Promise<{ ok: boolean; rc: number }> {
    if (!(await exists(p.cwd))) throw new FailedPreconditionError(`${p.at}.${field}: cannot run the guard: cwd ${p.cwd} does not exist`);
    const out = await run(p, ctx, [SHELL, '-c', cmd], GUARD_OUTPUT_BYTES);
    if (out.timedOut) throw new DeadlineExceededError(`${p.at}.${field}: guard command timed out after ${formatDuration(p.timeoutMs ?? 0)}`);
    if (out.spawnError !== undefined) throw new FailedPreconditionError(`${p.at}.${field}: ${out.spawnError}`);
    return { ok: out.rc === 0, rc: out.rc };
  }

  function decide(p: CommandParams, ctx: ModuleContext, field: 'changedWhen' | 'failedWhen', cond: boolean | string, values: Record<string, unknown>): boolean {
    return typeof cond === 'boolean' ? cond : ctx.condition(cond, values, `${p.at}.${field}`);
  }

  function unchanged(plan: Plan<CommandPlanData>, ctx: ModuleContext): Result {
    const skipped = plan.data.skipped;
    if (skipped !== undefined) return { changed: false, failed: false, message: `skipped: ${skipped}`, data: { skipped: true, reason: skipped } };
    const wouldRun = ctx.check && plan.changes.length > 0;
    return { changed: wouldRun, failed: false, message: wouldRun ? `would ${plan.changes[0].what}` : 'nothing to run', data: { skipped: false } };
  }

  return {
    kind: 'command',
    rawFields: ['changedWhen', 'failedWhen'],

    parse(raw, at) {
      const r = new ArgReader(raw, at, FIELDS);
      const cmd = r.string('cmd', { maxLength: 65_536 });
      let argv: string[] | undefined;
      const rawArgv = r.raw('argv');
      if (rawArgv !== undefined) {
        if (!Array.isArray(rawArgv) || rawArgv.length === 0) r.add('argv', 'must be a non-empty list of strings');
        else {
          const bad = rawArgv.findIndex((a) => typeof a !== 'string' || a.includes('\u0000'));
          if (bad >= 0) r.add(`argv[${bad}]`, 'must be a string without NUL');
          else if ((rawArgv[0] as string).length === 0) r.add('argv[0]', 'must name a program');
          else argv = rawArgv as string[];
        }
      }
      if (r.has('cmd') && r.has('argv')) r.add('argv', 'must not be given together with cmd (exactly one of cmd, argv)');
      if (!r.has('cmd') && !r.has('argv')) r.issues.push({ path: at, message: 'must have exactly one of: cmd, argv' });
      const cwd = r.string('cwd', { maxLength: 4096, check: absolute }) ?? '/';
      const env: Record<string, string> = {};
      const rawEnv = r.raw('env');
      if (rawEnv !== undefined) {
        if (typeof rawEnv !== 'object' || Array.isArray(rawEnv)) r.add('env', 'must be a map of variable names to values');
        else {
          for (const [k, v] of Object.entries(rawEnv as Record<string, unknown>)) {
            if (!ENV_NAME.test(k)) r.add(`env.${k}`, "must be a name of letters, digits and '_', not starting with a digit");
            else if (typeof v === 'string') {
              if (v.includes('\u0000')) r.add(`env.${k}`, 'must not contain NUL');
              else env[k] = v;
            } else if (typeof v === 'number' || typeof v === 'boolean') env[k] = String(v);
            else r.add(`env.${k}`, 'must be a string, number or boolean');
          }
        }
      }
      const timeout =
        typeof r.raw('timeout') === 'number'
          ? (r.add('timeout', `must be a duration such as '30s' (got the number ${String(r.raw('timeout'))}; add a unit)`), undefined)
          : r.string('timeout', { maxLength: 64, check: durationProblem });
      const creates = r.string('creates', { maxLength: 4096, check: absolute });
      const removes = r.string('removes', { maxLength: 4096, check: absolute });
      const unless = r.string('unless', { maxLength: 65_536 });
      const onlyIf = r.string('onlyIf', { maxLength: 65_536 });
      const changedWhen = r.condition('changedWhen');
      const failedWhen = r.condition('failedWhen');
      const maxOutputBytes = r.int('maxOutputBytes', 1024, 1_048_576);
      r.done();
      return {
        at,
        ...(cmd !== undefined ? { cmd } : {}),
        ...(argv !== undefined ? { argv } : {}),
        cwd,
        env,
        ...(timeout !== undefined ? { timeoutMs: parseDuration(timeout)! } : {}),
        ...(creates !== undefined ? { creates } : {}),
        ...(removes !== undefined ? { removes } : {}),
        ...(unless !== undefined ? { unless } : {}),
        ...(onlyIf !== undefined ? { onlyIf } : {}),
        changedWhen: changedWhen ?? true,
        ...(failedWhen !== undefined ? { failedWhen } : {}),
        maxOutputBytes: maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      };
    },

    async check(p, ctx): Promise<Plan<CommandPlanData>> {
      ctx.signal.throwIfAborted();
      const skip = (why: string): Plan<CommandPlanData> => ({ changes: [], data: { skipped: why } });
      if (p.creates !== undefined && (await exists(p.creates))) return skip(`${p.creates} exists (creates)`);
      if (p.removes !== undefined && !(await exists(p.removes))) return skip(`${p.removes} does not exist (removes)`);
      if (p.unless !== undefined && (await guard(p, ctx, 'unless', p.unless)).ok) return skip('the unless command succeeded');
      if (p.onlyIf !== undefined) {
        const g = await guard(p, ctx, 'onlyIf', p.onlyIf);
        if (!g.ok) return skip(`the onlyIf command failed (exit code ${g.rc})`);
      }
      const line = commandLine(p);
      return { changes: [{ what: `run: ${line}`, to: line }], data: {}, ...(p.changedWhen === false ? { noChange: true } : {}) };
    },

    async apply(p, plan, ctx): Promise<Result> {
      ctx.signal.throwIfAborted();
      if (plan.changes.length === 0) return unchanged(plan, ctx);
      try {
        if (!(await stat(p.cwd)).isDirectory()) throw new Error('not a directory');
      } catch {
        return { changed: false, failed: true, message: `cwd ${p.cwd} is not a directory`, data: { rc: null, stdout: '', stderr: '' } };
      }
      const argv = p.argv ?? [SHELL, '-c', p.cmd!];
      const out = await run(p, ctx, argv, p.maxOutputBytes);
      const data = { rc: out.rc, stdout: out.stdout, stderr: out.stderr };
      if (out.spawnError !== undefined) {
        return { changed: false, failed: true, rc: out.rc, stdout: out.stdout, stderr: out.stderr, message: out.spawnError, data };
      }
      if (out.timedOut) {
        return {
          changed: true,
          failed: true,
          retryable: true,
          rc: out.rc,
          stdout: out.stdout,
          stderr: out.stderr,
          message: `timed out after ${formatDuration(p.timeoutMs ?? 0)}; process group killed`,
          data,
        };
      }
      const values = { rc: out.rc, stdout: out.stdout, stderr: out.stderr };
      const failed = p.failedWhen === undefined ? out.rc !== 0 : decide(p, ctx, 'failedWhen', p.failedWhen, values);
      const changed = decide(p, ctx, 'changedWhen', p.changedWhen, values);
      const how = out.exitSignal !== undefined ? `killed by ${out.exitSignal}` : `exit code ${out.rc}`;
      return { changed, failed, rc: out.rc, stdout: out.stdout, stderr: out.stderr, message: how, data };
    },

    unchanged(_p, plan, ctx): Result {
      return unchanged(plan, ctx);
    },
  };
}

export const commandModule = createCommandModule();
