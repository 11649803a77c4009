// Real git repositories for tests: a bare repository on disk served over a
// file:// URL, plus a work clone that commits and pushes into it. Every git
// call runs with an isolated HOME (its own .gitconfig) and no system config,
// as in RECIPES.md §3, so the machine's git setup never leaks in. The helper
// runs the git binary directly; simple-git stays in src/git/.

import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** a file to commit: text content, bytes, an executable, or a symlink */
export type FileSpec = string | Uint8Array | { content: string | Uint8Array; executable: true } | { symlink: string } | null;

export interface GitRepo {
  /** the bare repository */
  readonly dir: string;
  /** file:// URL of the bare repository */
  readonly url: string;
  /**
   * Writes `files` into the work clone (null deletes; `{ symlink }` makes a
   * link), commits them with `message` on `branch` (default main) and pushes
   * that branch. Returns the new commit id.
   */
  commit(files: Record<string, FileSpec>, message: string, opts?: { branch?: string }): Promise<string>;
  /** creates (or moves, with force) tag `name` at `commit`; annotated by default; pushes it */
  tag(name: string, commit: string, opts?: { annotated?: boolean }): Promise<void>;
  /** installs an executable hook script in the bare repository */
  addHook(name: string, script: string): Promise<void>;
  /** runs git in the bare repository with the helper's environment */
  git(args: string[]): Promise<string>;
  /**
   * Points `branch` at a new commit whose root tree is built by hand from
   * `entries`, so names git add would refuse ('..', '.git') can be tested.
   * Returns the commit id.
   */
  rawCommit(entries: Array<{ name: string; content: string }>, message: string, branch?: string): Promise<string>;
}

/** environment for the helper's own git calls: isolated HOME, no system config */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
  };
}

async function git(args: string[], cwd: string, home: string): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: gitEnv(home), maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function gitWithInput(args: string[], cwd: string, home: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: gitEnv(home), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args.join(' ')}: exit ${code}: ${err}`))));
    child.stdin.end(input);
  });
}

/** Creates an empty bare repository `name`.git under `root` (a temp dir the caller removes). */
export async function createGitRepo(root: string, name = 'fleet'): Promise<GitRepo> {
  const home = join(root, `${name}-home`);
  const dir = join(root, `${name}.git`);
  const work = join(root, `${name}-work`);
  await mkdir(home, { recursive: true });
  await writeFile(
    join(home, '.gitconfig'),
    '[user]\n\temail = t@example.invalid\n\tname = tests\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n',
  );
  await git(['init', '-q', '--bare', dir], root, home);
  await git(['init', '-q', work], root, home);
  const url = `file://${dir}`;
  let branch = 'main';

  return {
    dir,
    url,
    async commit(files, message, opts = {}) {
      const want = opts.branch ?? 'main';
      if (want !== branch) {
        await git(['checkout', '-q', '-B', want], work, home);
        branch = want;
      }
      for (const [path, spec] of Object.entries(files)) {
        const file = join(work, path);
        await rm(file, { force: true, recursive: true });
        if (spec === null) continue;
        await mkdir(dirname(file), { recursive: true });
        if (typeof spec === 'string' || spec instanceof Uint8Array) await writeFile(file, spec);
        else if ('symlink' in spec) await symlink(spec.symlink, file);
        else {
          await writeFile(file, spec.content);
          await chmod(file, 0o755);
        }
      }
      await git(['add', '-A'], work, home);
      await git(['commit', '-q', '--allow-empty', '-m', message], work, home);
      await git(['push', '-q', '-f', url, `HEAD:refs/heads/${want}`], work, home);
      return (await git(['rev-parse', 'HEAD'], work, home)).trim();
    },
    async tag(name, commit, opts = {}) {
      const args = opts.annotated === false ? ['tag', '-f', name, commit] : ['tag', '-f', '-a', '-m', `tag ${name}`, name, commit];
      await git(args, work, home);
      await git(['push', '-q', '-f', url, `refs/tags/${name}`], work, home);
    },
    async addHook(name, script) {
      const file = join(dir, 'hooks', name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, script);
      await chmod(file, 0o755);
    },
    git: (args) => git(args, dir, home),
    async rawCommit(entries, message, rawBranch = 'main') {
      const lines: string[] = [];
      for (const e of entries) {
        const oid = (await gitWithInput(['hash-object', '-w', '--stdin'], dir, home, e.content)).trim();
        lines.push(`100644 blob ${oid}\t${e.name}\n`);
      }
      const tree = (await gitWithInput(['mktree'], dir, home, lines.join(''))).trim();
      const commit = (await gitWithInput(['commit-tree', tree], dir, home, message)).trim();
      await git(['update-ref', `refs/heads/${rawBranch}`, commit], dir, home);
      return commit;
    },
  };
}
