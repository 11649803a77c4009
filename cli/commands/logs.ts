// flotctl logs RUN [-n NS] [--node N]: what each node did, step by step, with
// the tails of command output and the diffs; and the helpers `run --wait`
// uses to print diffs and failures at the end.

import { fromStruct, type ProtoStruct } from '../../src/api/client.js';
import { UsageError, type Command, type Context } from '../context.js';

export interface StepEntry {
  index: number;
  name: string;
  phase: number;
  handler?: boolean;
  outcome: string;
  ignored?: boolean;
  message?: string;
  rc?: number;
  stdout?: string;
  stderr?: string;
  diff?: string;
  items?: { total: number; changed: number; failed: number; skipped: number };
  attempts?: number;
  durationMs?: number;
}

export interface NodeLog {
  node: string;
  state: string;
  message: string;
  steps: StepEntry[];
}

export async function fetchLogs(ctx: Context, namespace: string, name: string, node: string): Promise<NodeLog[]> {
  const res = await ctx.client.call<{ nodes: { node: string; state: string; message: string; steps: ProtoStruct[] }[] }>('RunService', 'Logs', { name, namespace, node });
  return res.nodes.map((n) => ({ ...n, steps: n.steps.map((s) => fromStruct(s) as unknown as StepEntry) }));
}

const indent = (text: string, by = '    ') => text.replace(/\n$/, '').replace(/^/gm, by);

function stepLine(s: StepEntry): string {
  const items = s.items ? ` (${s.items.total} items: ${s.items.changed} changed${s.items.failed ? `, ${s.items.failed} failed` : ''})` : '';
  const label = `${s.handler ? 'handler' : `step ${s.index + 1}`} ${s.name}`;
  const time = s.durationMs !== undefined ? ` ${(s.durationMs / 1000).toFixed(2)}s` : '';
  return `  [${s.outcome}${s.ignored ? ', ignored' : ''}] ${label}${items}${time}${s.message ? `: ${s.message}` : ''}${s.attempts ? ` (${s.attempts} attempts)` : ''}`;
}

export function printDiffs(ctx: Context, logs: readonly NodeLog[]): void {
  for (const n of logs) {
    const diffs = n.steps.filter((s) => s.diff);
    if (diffs.length === 0) continue;
    ctx.io.out(`\n== ${n.node}\n`);
    for (const s of diffs) ctx.io.out(`${stepLine(s)}\n${indent(s.diff!)}\n`);
  }
}

export function printFailures(ctx: Context, logs: readonly NodeLog[]): void {
  for (const n of logs) {
    const failed = n.steps.filter((s) => s.outcome === 'failed' && !s.ignored);
    if (failed.length === 0 && !['Failed', 'Unreachable'].includes(n.state)) continue;
    ctx.io.err(`\n== ${n.node}: ${n.state}${n.message ? ` (${n.message})` : ''}\n`);
    for (const s of failed) {
      ctx.io.err(`${stepLine(s)}\n`);
      if (s.stderr) ctx.io.err(`${indent(s.stderr)}\n`);
      else if (s.stdout) ctx.io.err(`${indent(s.stdout)}\n`);
    }
  }
}

export const logsCommand: Command = {
  name: 'logs',
  usage: 'logs RUN [-n NS] [--node NODE]',
  summary: "each node's steps of a run: outcome, output tails, diffs",
  options: { namespace: { type: 'string', short: 'n' }, node: { type: 'string' } },
  async run(ctx, positionals, values) {
    const [name, extra] = positionals;
    if (!name) throw new UsageError('RUN is required');
    if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
    const logs = await fetchLogs(ctx, (values.namespace as string | undefined) ?? '', name, (values.node as string | undefined) ?? '');
    for (const n of logs) {
      ctx.io.out(`== ${n.node}: ${n.state}${n.message ? ` (${n.message})` : ''}\n`);
      for (const s of n.steps) {
        ctx.io.out(`${stepLine(s)}\n`);
        if (s.stdout) ctx.io.out(`    stdout:\n${indent(s.stdout, '      ')}\n`);
        if (s.stderr) ctx.io.out(`    stderr:\n${indent(s.stderr, '      ')}\n`);
        if (s.diff) ctx.io.out(`${indent(s.diff)}\n`);
      }
    }
    return 0;
  },
};
