// TaskBook includes: each `include` entry is fetched, its ref pinned to a
// commit once per run, and the TaskBook file at that commit parsed into steps
// and handlers. The plan records the commits, so every node reads templates
// and files from the same tree. Git itself is behind the small GitReader
// interface (implemented by git/GitCache).

import { posix } from 'node:path';
import { InvalidArgumentError } from '../errors.js';
import { kindInfo, parseDocuments, type DefaultedTaskBookSpec, type TaskBookSpec } from '../resources/index.js';
import type { ClusterConfig } from '../resources/index.js';
import type { IncludedTaskBook } from './plan.js';

export interface GitReader {
  resolve(source: { url: string; ref: string }, opts: { signal: AbortSignal }): Promise<{ commit: string }>;
  readFile(url: string, commit: string, path: string, opts: { signal: AbortSignal }): Promise<Uint8Array>;
}

export async function loadIncludes(
  includes: DefaultedTaskBookSpec['include'],
  git: GitReader | undefined,
  cluster: ClusterConfig,
  opts: { signal: AbortSignal },
): Promise<IncludedTaskBook[]> {
  if (includes.length > 0 && !git) throw new InvalidArgumentError([{ path: 'spec.include', message: 'this daemon has no git support configured' }]);
  const out: IncludedTaskBook[] = [];
  for (const [i, inc] of includes.entries()) {
    const { url, ref, path } = inc.git;
    const { commit } = await git!.resolve({ url, ref }, opts);
    const text = new TextDecoder().decode(await git!.readFile(url, commit, path, opts));
    const where = `${url}//${path}@${commit.slice(0, 12)}`;
    const docs = parseDocuments(text, where);
    const books = docs.filter((d) => d.object.kind === 'TaskBook');
    if (books.length !== 1) {
      throw new InvalidArgumentError([{ path: `spec.include[${i}]`, message: `${where} must hold exactly one TaskBook (found ${books.length})` }]);
    }
    const spec = books[0].object.spec as TaskBookSpec;
    if ((spec.include ?? []).length > 0) {
      throw new InvalidArgumentError([{ path: `spec.include[${i}]`, message: `${where}: an included TaskBook cannot include others` }]);
    }
    out.push({
      pinned: { url, ref, path, commit },
      spec: kindInfo('TaskBook').withDefaults(spec, cluster, { name: books[0].object.metadata.name }),
      source: { url, commit, dir: posix.dirname(path) === '.' ? '' : posix.dirname(path) },
    });
  }
  return out;
}
