// flotctl apply -f FILE|DIR|- : every document of every file is parsed and
// validated first; if any is bad, all problems are printed and nothing is
// applied. Then objects are applied in dependency order (namespaces and
// cluster config first), printing `kind/name created|configured|unchanged`.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { APPLY_RESULT, toProto } from '../../src/api/client.js';
import { InvalidArgumentError, type FieldIssue } from '../../src/errors.js';
import type { ResourceObject } from '../../src/resources/index.js';
import { UsageError, display, resources, type Context, type Command, errorText } from '../context.js';

/** earlier kinds first: what others live in or refer to */
const ORDER = ['Namespace', 'Config', 'Node', 'NodeGroup', 'ClusterVariable', 'ClusterVariableBinding', 'Secret', 'Variable', 'Repository', 'TaskBook'];

export interface LoadedObject {
  readonly object: ResourceObject;
  readonly file: string;
  readonly document: number;
}

/** reads -f arguments (files, directories of .yaml/.yml/.json, '-') and validates every document */
export async function loadFiles(ctx: Context, paths: readonly string[]): Promise<LoadedObject[]> {
  const files: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new InvalidArgumentError([{ path: '', message: 'no such file or directory', source: { file: p } }]);
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
      if (entries.length === 0) throw new InvalidArgumentError([{ path: '', message: 'directory holds no .yaml, .yml or .json files', source: { file: p } }]);
      files.push(...entries.map((f) => join(p, f)));
    } else files.push(p);
  }
  const { parseDocuments } = await resources();
  const loaded: LoadedObject[] = [];
  const issues: FieldIssue[] = [];
  for (const f of files) {
    const text = f === '-' ? await ctx.io.readStdin() : await ctx.io.readFile(f);
    const name = f === '-' ? '<stdin>' : f;
    try {
      for (const d of parseDocuments(text, name)) loaded.push({ object: d.object, file: name, document: d.document });
    } catch (err) {
      if (err instanceof InvalidArgumentError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  return loaded;
}

export function sortForApply(objs: readonly LoadedObject[]): LoadedObject[] {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k);
    return i < 0 ? ORDER.length : i;
  };
  return objs.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o.object.kind) - rank(b.o.object.kind) || a.i - b.i).map((x) => x.o);
}

export const applyCommand: Command = {
  name: 'apply',
  usage: 'apply -f FILE|DIR|- [--dry-run]',
  summary: 'create or update objects from YAML (created / configured / unchanged)',
  options: { filename: { type: 'string', short: 'f', multiple: true }, 'dry-run': { type: 'boolean' } },
  async run(ctx, positionals, values) {
    const paths = (values.filename as string[] | undefined) ?? [];
    if (paths.length === 0) throw new UsageError('-f FILE|DIR|- is required');
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const objs = sortForApply(await loadFiles(ctx, paths));
    const { lookupKind } = await resources();
    let failed = 0;
    for (const { object, file, document } of objs) {
      const k = lookupKind(object.kind)!;
      try {
        const res = await ctx.client.call<{ result: keyof typeof RESULT_TEXT }>(`${k.kind}Service`, 'Apply', {
          object: toProto(object),
          dry_run: values['dry-run'] === true,
        });
        ctx.io.out(`${display(k, object.metadata.name)} ${RESULT_TEXT[res.result] ?? res.result}${values['dry-run'] ? ' (dry run)' : ''}\n`);
      } catch (err) {
        failed++;
        ctx.io.err(`${errorText(err).replace(/^error: /gm, `error: ${file}: document ${document}: ${display(k, object.metadata.name)}: `)}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};

const RESULT_TEXT: Record<string, string> = {
  [APPLY_RESULT.created]: 'created',
  [APPLY_RESULT.configured]: 'configured',
  [APPLY_RESULT.unchanged]: 'unchanged',
};
