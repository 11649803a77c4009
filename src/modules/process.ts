// Running a child process for a module: the command module's commands and
// guards, the file module's validate command, and the package managers. Each
// child runs in its own process group (spawn detached), so a timeout or an
// abort kills everything it started: SIGTERM to the group, then SIGKILL after
// a grace period. stdin is /dev/null; stdout and stderr keep only their tails
// (output-tail.ts). No shell is involved unless the caller passes one in argv.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { Clock, Timer } from '../lib/clock.js';
import type { ModuleContext } from './module.js';
import { OutputTail } from './output-tail.js';
import type { ProcessJournal } from './process-journal.js';

/** the shell for `cmd`, guards and validate commands */
export const SHELL = '/bin/sh';

/** time a process group gets between SIGTERM and SIGKILL */
export const DEFAULT_KILL_GRACE_MS = 2_000;

/**
 * After the main process exits, how long its output pipes may stay open
 * (held by something it left running in the background) before they are
 * closed and the result is returned without the rest of their output.
 */
export const PIPE_LINGER_MS = 1_000;

export interface RunProcessOptions {
  /** program and arguments; argv[0] is looked up in env.PATH when it has no '/' */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** aborting kills the process group and rejects with the signal's reason */
  readonly signal: AbortSignal;
  /** kill the process group after this long; the outcome then has timedOut */
  readonly timeoutMs?: number;
  /** bytes kept per stream (the tail) */
  readonly maxOutputBytes: number;
  readonly killGraceMs?: number;
  readonly clock: Clock;
  /** notes the process group while it runs (see process-journal.ts) */
  readonly journal?: ProcessJournal;
}

export interface ProcessOutcome {
  /** exit code; 128 + n when ended by signal n; 127 / 126 when it could not start */
  readonly rc: number;
  /** the signal that ended the process, if one did */
  readonly exitSignal?: string;
  /** the timeout fired and the group was killed */
  readonly timedOut: boolean;
  /** why the program could not be started (then rc is 126 or 127) */
  readonly spawnError?: string;
  /** tails, with a "… N bytes dropped" first line when cut */
  readonly stdout: string;
  readonly stderr: string;
  /** bytes cut from the head of each stream */
  readonly stdoutDropped: number;
  readonly stderrDropped: number;
  readonly durationMs: number;
}

/** The environment children get: ctx.env (default: process.env minus FLOTILLA_*) with `extra` over it. */
export function childEnv(ctx: Pick<ModuleContext, 'env'>, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = {};
  if (ctx.env !== undefined) Object.assign(base, ctx.env);
  else {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('FLOTILLA_')) base[k] = v;
  }
  return Object.assign(base, extra);
}

/** `'it''s'`-style quoting for showing or composing a shell word */
export function shellQuote(word: string): string {
  if (word.length > 0 && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const KILL_POLL_MS = 50;

/**
 * true while a process of group `pgid` is alive (zombies waiting to be reaped
 * do not count). Reads /proc synchronously: used only while killing a group.
 */
function groupHasLiveMembers(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  const members = liveGroupMembers(pgid);
  return members === undefined || members.length > 0;
}

/** pids of the live (non-zombie) processes of group `pgid`; undefined when /proc cannot be read */
export function liveGroupMembers(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const out: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let st: string;
    try {
      st = readFileSync(`/proc/${e}/stat`, 'utf8');
    } catch {
      continue;
    }
    // fields after "(comm)": state ppid pgrp ...
    const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[2]) === pgid && rest[0] !== 'Z' && rest[0] !== 'X') out.push(Number(e));
  }
  return out;
}

function signalNumber(name: string): number {
  return (constants.signals as Record<string, number | undefined>)[name] ?? 0;
}

/**
 * Runs one process to its end and returns its exit status and output tails.
 * Resolves also for a non-zero exit, a timeout or a program that cannot start;
 * rejects only with the signal's reason when `signal` aborts (after the
 * process group was killed). Safe to call concurrently.
 */
export function runProcess(o: RunProcessOptions): Promise<ProcessOutcome> {
  if (o.signal.aborted) return Promise.reject(o.signal.reason as Error);
  const startedAt = o.clock.now();
  const stdout = new OutputTail(o.maxOutputBytes);
  const stderr = new OutputTail(o.maxOutputBytes);
  const grace = o.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  return new Promise<ProcessOutcome>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(o.argv[0], o.argv.slice(1), {
        cwd: o.cwd,
        env: o.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const pid = child.pid;
    const release = pid !== undefined && o.journal ? o.journal.record(pid) : undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let killing: 'timeout' | 'abort' | undefined;
    let hardKilled = false;
    let closed = false;
    let finished = false;
    const timers: Timer[] = [];
    // timers of the kill phase keep the process alive: the group may hold no other handle by then
    const later = (ms: number, fn: () => void) => {
      const ac = new AbortController();
      void o.clock.sleep(ms, ac.signal).then(fn, () => undefined);
      timers.push({ cancel: () => ac.abort() });
    };

    const killGroup = (sig: NodeJS.Signals): void => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, sig);
      } catch {
        // the group is gone already
      }
    };
    const finish = (spawnError?: NodeJS.ErrnoException) => {
      if (finished) return;
      finished = true;
      release?.();
      for (const t of timers) t.cancel();
      o.signal.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (killing === 'abort') {
        reject(o.signal.reason as Error);
        return;
      }
      const base = {
        timedOut: killing === 'timeout',
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutDropped: stdout.dropped,
        stderrDropped: stderr.dropped,
        durationMs: o.clock.now() - startedAt,
      };
      if (spawnError !== undefined) {
        const rc = spawnError.code === 'ENOENT' ? 127 : 126;
        resolve({ ...base, rc, spawnError: `cannot run ${o.argv[0]}: ${spawnError.code ?? spawnError.message}` });
        return;
      }
      const sig = exit?.signal ?? undefined;
      resolve({ ...base, rc: exit?.code ?? 128 + (sig !== undefined ? signalNumber(sig) : 0), ...(sig !== undefined ? { exitSignal: sig } : {}) });
    };
    /** while killing: done once the pipes closed and no live member of the group is left */
    const poll = () => {
      if (finished) return;
      if (closed && (hardKilled || !groupHasLiveMembers(pid!))) finish();
      else later(KILL_POLL_MS, poll);
    };
    const startKill = (why: 'timeout' | 'abort') => {
      if (killing !== undefined || finished) return;
      killing = why;
      killGroup('SIGTERM');
      later(KILL_POLL_MS, poll);
      later(grace, () => {
        killGroup('SIGKILL');
        hardKilled = true;
        // something outside the group may still hold the pipes: stop waiting for them
        later(PIPE_LINGER_MS, () => finish());
      });
    };
    const onAbort = () => startKill('abort');

    child.stdout?.on('data', (c: Buffer) => stdout.push(c));
    child.stderr?.on('data', (c: Buffer) => stderr.push(c));
    child.stdout?.on('error', () => undefined);
    child.stderr?.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (pid === undefined || err.syscall?.startsWith('spawn')) finish(err);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (killing === undefined) timers.push(o.clock.setTimer(PIPE_LINGER_MS, () => finish()));
    });
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      exit ??= { code, signal };
      closed = true;
      if (killing === undefined) finish();
      else poll();
    });
    if (pid === undefined) return;
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.timeoutMs !== undefined) timers.push(o.clock.setTimer(o.timeoutMs, () => startKill('timeout')));
  });
}
