// A real local apt repository for package-module tests (RECIPES.md §2): tiny
// dependency-free packages built with dpkg-deb, indexed with
// dpkg-scanpackages, served through a file: source with [trusted=yes], and a
// private Dir::State::Lists so apt sees only this repository and its lists
// lock is not the system's. `aptOptions` are the `Name=Value` settings the
// package module passes as `-o` to every apt-get / apt-cache call.
// Needs root and dpkg-dev; without them it throws with the fix, never skips.

import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface AptRepo extends AsyncDisposable {
  readonly dir: string;
  /** `Name=Value` apt options pointing apt at this repository only */
  readonly aptOptions: readonly string[];
  /** builds `<name>_<version>_all.deb` into the repository and re-indexes it (run update() after) */
  addPackage(name: string, version: string): Promise<void>;
  /** `apt-get update` with aptOptions */
  update(): Promise<void>;
  /** apt-get purge of the given packages (ignores ones not installed); for cleanup */
  purge(names: readonly string[]): Promise<void>;
  /** installed version per name (dpkg-query), undefined when not installed */
  installed(names: readonly string[]): Promise<Record<string, string | undefined>>;
}

/** throws with a clear message unless this process is root and has dpkg-deb, dpkg-scanpackages and apt-get */
export async function requireAptTooling(): Promise<void> {
  if (process.geteuid?.() !== 0) {
    throw new Error('package module tests need root (they install packages through dpkg); CI runs them as root: run `sudo npm test` or in the CI container');
  }
  for (const bin of ['dpkg-deb', 'dpkg-scanpackages', 'apt-get', 'dpkg-query', 'apt-cache']) {
    try {
      await exec('sh', ['-c', `command -v ${bin}`]);
    } catch {
      throw new Error(`package module tests need ${bin}: apt-get install -y dpkg-dev apt`);
    }
  }
}

const ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

export async function createAptRepo(): Promise<AptRepo> {
  await requireAptTooling();
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-apt-'));
  await chmod(dir, 0o755); // the _apt sandbox user must be able to read the repository
  const repo = join(dir, 'repo');
  const lists = join(dir, 'lists');
  await mkdir(join(lists, 'partial'), { recursive: true });
  await mkdir(repo, { recursive: true });
  await writeFile(join(dir, 'sources.list'), `deb [trusted=yes] file:${repo} ./\n`);
  await writeFile(join(repo, 'Packages'), '');
  const aptOptions = [
    `Dir::Etc::sourcelist=${join(dir, 'sources.list')}`,
    'Dir::Etc::sourceparts=-',
    `Dir::State::Lists=${lists}`,
    'APT::Get::List-Cleanup=0',
  ];
  const o = aptOptions.flatMap((x) => ['-o', x]);
  const dpkgQuery = async (names: readonly string[]) => {
    const out: Record<string, string | undefined> = Object.fromEntries(names.map((n) => [n, undefined]));
    const r = await exec('dpkg-query', ['-W', '-f=${Package}\\t${Version}\\t${db:Status-Abbrev}\\n', ...names]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    for (const line of r.stdout.split('\n')) {
      const [name, version, status] = line.split('\t');
      if (name in out && status?.[1] === 'i') out[name] = version;
    }
    return out;
  };
  const self: AptRepo = {
    dir,
    aptOptions,
    async addPackage(name, version) {
      const build = join(dir, 'build', `${name}_${version}`);
      await mkdir(join(build, 'DEBIAN'), { recursive: true });
      await mkdir(join(build, 'usr/share', name), { recursive: true });
      await writeFile(join(build, 'usr/share', name, 'hello.txt'), `hello ${version}\n`);
      await writeFile(
        join(build, 'DEBIAN/control'),
        `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: T <t@example.invalid>\nDescription: flotilla test package\n`,
      );
      await exec('dpkg-deb', ['--root-owner-group', '--build', build, join(repo, `${name}_${version}_all.deb`)]);
      const { stdout } = await exec('dpkg-scanpackages', ['--multiversion', '.', '/dev/null'], { cwd: repo });
      await writeFile(join(repo, 'Packages'), stdout);
    },
    async update() {
      await exec('apt-get', [...o, 'update', '-qq'], { env: ENV });
    },
    async purge(names) {
      const installed = Object.entries(await dpkgQuery(names))
        .filter(([, v]) => v !== undefined)
        .map(([n]) => n);
      if (installed.length > 0) await exec('apt-get', [...o, '-o', 'DPkg::Lock::Timeout=60', 'purge', '-y', '-qq', ...installed], { env: ENV });
    },
    installed: dpkgQuery,
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true });
    },
  };
  return self;
}
