// flotctl run TASKBOOK [-n NS] [--set k=v]... [--nodes a,b] [--check] [--diff] [--wait]
// flotctl cancel RUN [-n NS]
//
// --wait follows the Run until it ends: on a terminal a per-node table that
// redraws in place, otherwise one line whenever a node's state or step
// changes; then a summary, the diffs (--diff) and the output of failed steps.
// Exit code 0 when the run succeeded, 1 otherwise.

import { protoToResource, toStruct, type ProtoObject } from '../../src/api/client.js';
import { FlotillaError } from '../../src/errors.js';
import type { ResourceObject, RunNodeStatus, RunStatus } from '../../src/resources/index.js';
import type { WatchEventMessage } from '../client.js';
import { UsageError, type Command, type Context } from '../context.js';
import { table, yamlLib } from '../output.js';
import { fetchLogs, printFailures, printDiffs } from './logs.js';

/** `--set a=1 --set b.c=x` -> { a: 1, b: { c: 'x' } }; values are YAML scalars (numbers, booleans) or strings */
export function parseSets(sets: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set '${s}' is not key=value`);
    const path = s.slice(0, eq).split('.');
    if (path.some((p) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p))) throw new UsageError(`--set: '${s.slice(0, eq)}' is not a variable name`);
    const raw = s.slice(eq + 1);
    let value: unknown = raw;
    if (/^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/.test(raw)) {
      value = Number(raw); // the common case, without loading the YAML parser
    } else if (/^([[\d.~+-]|$)|^(true|false|null)$/i.test(raw)) {
      // only what could be a number, boolean, null or list goes through the (lazily loaded) YAML parser
      try {
        const y: unknown = yamlLib().parse(raw);
        if (y === null || ['number', 'boolean'].includes(typeof y) || Array.isArray(y)) value = y ?? raw;
      } catch {
        value = raw;
      }
    }
    let obj = out;
    for (const p of path.slice(0, -1)) obj = (obj[p] = typeof obj[p] === 'object' && obj[p] !== null ? obj[p] : {}) as Record<string, unknown>;
    obj[path[path.length - 1]] = value;
  }
  return out;
}

const FINISHED = new Set(['Succeeded', 'Failed', 'Cancelled']);
/** how long --wait keeps trying to reach a daemon that went away, and how often */
const RECONNECT_MS = 30_000;
const RECONNECT_DELAY_MS = 500;

function elapsed(status: RunStatus, now: number): string {
  const start = status.startedAt ? Date.parse(status.startedAt) : now;
  const end = status.finishedAt ? Date.parse(status.finishedAt) : now;
  const s = Math.max(0, (end - start) / 1000);
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

function nodeRows(status: RunStatus, stepCount: number | undefined): string[][] {
  return Object.entries(status.nodes ?? {}).map(([n, s]: [string, RunNodeStatus]) => [
    n,
    s.state,
    s.stepName ? `${s.step !== undefined && s.step >= 0 ? `${s.step + 1}${stepCount ? `/${stepCount}` : ''} ` : ''}${s.stepName}` : '',
    String(s.counts?.ok ?? 0),
    String(s.counts?.changed ?? 0),
    String(s.counts?.failed ?? 0),
    String(s.counts?.skipped ?? 0),
    s.message && s.state !== 'Running' && s.state !== 'Succeeded' ? s.message : '',
  ]);
}

const HEADERS = ['NODE', 'STATE', 'STEP', 'OK', 'CHANGED', 'FAILED', 'SKIPPED', 'MESSAGE'];

function headline(run: ResourceObject, status: RunStatus): string {
  return `run ${run.metadata.namespace}/${run.metadata.name}  ${status.phase ?? 'Pending'}  ${elapsed(status, Date.now())}${status.message ? `  ${status.message}` : ''}`;
}

/** follows a Run until it finishes; returns its last state */
export async function follow(ctx: Context, run: ResourceObject): Promise<ResourceObject> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  let last = run;
  let drawn = 0;
  const seen = new Map<string, string>();
  const draw = (r: ResourceObject) => {
    const status = (r.status ?? {}) as RunStatus;
    if (ctx.io.isTty) {
      const text = `${headline(r, status)}\n${table(HEADERS, nodeRows(status, undefined))}`;
      if (drawn > 0) ctx.io.out(`\x1b[${drawn}A\x1b[J`);
      ctx.io.out(text);
      drawn = text.split('\n').length - 1;
      return;
    }
    for (const [n, s] of Object.entries(status.nodes ?? {})) {
      const line = `${s.state}${s.stepName ? `  step ${(s.step ?? 0) + 1} ${s.stepName}` : ''}${s.message && s.state !== 'Running' ? `  ${s.message}` : ''}`;
      if (seen.get(n) === line) continue;
      seen.set(n, line);
      ctx.io.out(`${new Date().toISOString().slice(11, 19)}  ${n}  ${line}\n`);
    }
  };
  try {
    if (FINISHED.has((run.status as RunStatus | undefined)?.phase ?? '')) return run;
    // the watch resumes from the last revision seen when the daemon goes away
    // (a restart, a drain) and comes back within RECONNECT_MS; the run itself
    // goes on in the cluster meanwhile
    let revision = run.metadata.resourceVersion ?? '';
    let lostSince: number | undefined;
    while (!ac.signal.aborted) {
      try {
        const stream = ctx.client.stream<WatchEventMessage>(
          'RunService',
          'Watch',
          { namespace: run.metadata.namespace, name: run.metadata.name, resource_version: revision, label_selector: '', all_namespaces: false, bookmark_interval_seconds: 0 },
          ac.signal,
        );
        for await (const ev of stream) {
          lostSince = undefined;
          if (ev.resource_version) revision = ev.resource_version;
          if (!ev.object) continue;
          last = protoToResource(ev.object);
          draw(last);
          if (FINISHED.has((last.status as RunStatus | undefined)?.phase ?? '')) return last;
        }
      } catch (err) {
        if (!(err instanceof FlotillaError) || err.code !== 'UNAVAILABLE') throw err;
      }
      if (ac.signal.aborted) break;
      if (lostSince === undefined) {
        lostSince = Date.now();
        ctx.io.err(`lost the watch on flotillad at ${ctx.client.server}; reconnecting (the run goes on)\n`);
      } else if (Date.now() - lostSince > RECONNECT_MS) {
        throw new FlotillaError('UNAVAILABLE', `flotillad at ${ctx.client.server} has been unreachable for ${RECONNECT_MS / 1000} s; the run goes on (follow it with flotctl runs and flotctl logs ${run.metadata.name})`);
      }
      await new Promise<void>((r) => setTimeout(r, RECONNECT_DELAY_MS));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (ac.signal.aborted) ctx.io.err(`\nstopped waiting; the run goes on (flotctl cancel ${run.metadata.name} -n ${run.metadata.namespace} stops it)\n`);
  return last;
}

export async function summarize(ctx: Context, run: ResourceObject, opts: { diff: boolean }): Promise<number> {
  const status = (run.status ?? {}) as RunStatus;
  if (!ctx.io.isTty) ctx.io.out(`\n${table(HEADERS, nodeRows(status, undefined))}`);
  const c = status.counts;
  ctx.io.out(
    `\n${headline(run, status)}\n${c ? `tasks: ${c.ok} ok, ${c.changed} changed, ${c.failed} failed, ${c.skipped} skipped, ${c.unreachable} unreachable\n` : ''}`,
  );
  const ok = status.phase === 'Succeeded';
  if (opts.diff || !ok) {
    const logs = await fetchLogs(ctx, run.metadata.namespace ?? 'default', run.metadata.name, '');
    if (opts.diff) printDiffs(ctx, logs);
    if (!ok) printFailures(ctx, logs);
  }
  return ok ? 0 : 1;
}

export const runCommand: Command = {
  name: 'run',
  usage: 'run TASKBOOK [-n NS] [--set k=v]... [--nodes a,b] [--check] [--diff] [--wait] [--name RUN]',
  summary: 'start a run; --wait shows live progress, exits 1 on failure',
  options: {
    namespace: { type: 'string', short: 'n' },
    set: { type: 'string', multiple: true },
    nodes: { type: 'string' },
    check: { type: 'boolean' },
    diff: { type: 'boolean' },
    wait: { type: 'boolean', short: 'w' },
    name: { type: 'string' },
  },
  async run(ctx, positionals, values) {
    const [taskBook, extra] = positionals;
    if (!taskBook) throw new UsageError('TASKBOOK is required');
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    const set = parseSets((values.set as string[] | undefined) ?? []);
    const nodes = ((values.nodes as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const started = protoToResource(
      await ctx.client.call<ProtoObject>('RunService', 'Start', {
        task_book: taskBook,
        namespace: (values.namespace as string | undefined) ?? '',
        set: toStruct(set),
        nodes,
        check: values.check === true,
        diff: values.diff === true,
        name: (values.name as string | undefined) ?? '',
      }),
    );
    ctx.io.out(`run/${started.metadata.name} started${values.check ? ' (check mode: nothing will change)' : ''}\n`);
    if (!values.wait) return 0;
    const last = await follow(ctx, started);
    if (!FINISHED.has((last.status as RunStatus | undefined)?.phase ?? '')) return 1;
    return summarize(ctx, last, { diff: values.diff === true });
  },
};

export const cancelCommand: Command = {
  name: 'cancel',
  usage: 'cancel RUN [-n NS]',
  summary: 'stop a run: nodes abort the step in hand',
  options: { namespace: { type: 'string', short: 'n' } },
  async run(ctx, positionals, values) {
    const [name, extra] = positionals;
    if (!name) throw new UsageError('RUN is required');
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    await ctx.client.call('RunService', 'Cancel', { name, namespace: (values.namespace as string | undefined) ?? '' });
    ctx.io.out(`run/${name} cancelling\n`);
    return 0;
  },
};
