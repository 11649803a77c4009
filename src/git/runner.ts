// Runs the git binary for the cache, through simple-git, with an environment
// that repository content and the daemon's surroundings cannot influence.
// This file is the only importer of simple-git in the code base; it knows
// nothing about URLs, refs or trees (cache.ts decides what to run).
//
// Hardening, and where each piece lives:
// - The child environment is built from scratch (nothing is inherited from
//   process.env): HOME points into the cache dir, GIT_CONFIG_NOSYSTEM=1, so
//   neither /etc/gitconfig nor the daemon user's ~/.gitconfig is read.
// - GIT_ALLOW_PROTOCOL=file:https:ssh is git's own allow-list (equivalent to
//   protocol.allow=never plus protocol.<name>.allow=always for those three).
// - The settings that simple-git's unsafe-operation guard refuses on the
//   command line (core.hooksPath, core.fsmonitor, core.sshCommand,
//   protocol.*, init.templateDir) are written by `prepare()` into the cache's
//   own global config file, $HOME/.gitconfig. simple-git 4 refuses those keys
//   in `-c` unless the matching `unsafe.allowUnsafe*` flags are switched on;
//   we leave every guard ON instead, so nothing that reaches an argv can set
//   them. Repository content never writes config: we only fetch by URL with
//   explicit refspecs (no remotes), and fetched objects are data.
// - Settings the guard allows are passed again with `-c` on every command
//   (command-line config wins over every file).
// - GIT_TERMINAL_PROMPT=0 and no GIT_ASKPASS / SSH_ASKPASS / SSH_AUTH_SOCK in
//   the environment: git never prompts. ssh runs with `-F /dev/null`,
//   BatchMode=yes and StrictHostKeyChecking=yes against the cache's own
//   known_hosts file only.
// - git runs through a tiny wrapper, $HOME/bin/flotilla-git, that puts it in
//   a process group of its own and kills that group when it is itself
//   killed: git does not stop its helpers (git remote-https, ssh) when it
//   gets SIGTERM, so without this an aborted or timed-out fetch would leave
//   them holding connections for minutes.

import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitError, GitPluginError, simpleGit, type SimpleGit } from 'simple-git';
import { FlotillaError } from '../errors.js';

/** PATH for git and ssh when the caller gives none */
export const DEFAULT_GIT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** the wrapper's file name in $HOME/bin; the name satisfies simple-git's check on custom binaries */
const WRAPPER = 'flotilla-git';

/** Runs git in its own process group; a TERM, INT or HUP to the wrapper goes to the whole group. */
const WRAPPER_SCRIPT = `#!/bin/sh
# Written by flotillad (src/git/runner.ts) on every start. Runs git in a
# process group of its own so that killing this script also stops git's
# helpers (git remote-https, ssh), which git leaves running when killed.
trap 'kill -s TERM -- "-$pid" 2>/dev/null; exit 143' TERM INT HUP
setsid git "$@" </dev/null &
pid=$!
wait "$pid"
exit $?
`;

/** Config passed with `-c` on every command; only keys simple-git's guard accepts. */
export const COMMAND_LINE_CONFIG: readonly string[] = [
  'submodule.recurse=false',
  'fetch.recurseSubmodules=false',
  'transfer.fsckObjects=true',
  'fetch.fsckObjects=true',
  'fetch.writeCommitGraph=false',
  'core.attributesFile=/dev/null',
  'core.logAllRefUpdates=always',
  'gc.autoDetach=false',
  'maintenance.autoDetach=false',
  'gc.reflogExpire=never',
  'gc.reflogExpireUnreachable=never',
  'safe.bareRepository=explicit',
];

export interface GitRunnerOptions {
  /** HOME of every git process; holds the hardened .gitconfig and an empty template dir */
  readonly home: string;
  /** the only known_hosts file ssh consults */
  readonly knownHostsFile: string;
  /** private key for ssh:// URLs; default: ssh's own defaults for the daemon user */
  readonly sshIdentityFile?: string;
  /** PATH for git and ssh */
  readonly path?: string;
  /** seconds ssh waits for a TCP connection */
  readonly sshConnectTimeoutSeconds?: number;
  /** called before every git process starts (tests count fetches with it) */
  readonly onCommand?: (event: GitCommandEvent) => void;
}

export interface GitCommandEvent {
  /** the git subcommand: 'fetch', 'ls-tree', 'cat-file', ... */
  readonly op: string;
  /** the arguments after the subcommand */
  readonly args: readonly string[];
  /** GIT_DIR of the command, when it runs in a cache repository */
  readonly gitDir?: string;
}

/** git exited non-zero; `stderr` holds what it said (LC_ALL=C, so messages are stable). */
export class GitCommandError extends Error {
  constructor(
    readonly op: string,
    readonly stderr: string,
    opts: ErrorOptions = {},
  ) {
    super(`git ${op} failed: ${firstLine(stderr)}`, opts);
    this.name = 'GitCommandError';
  }
}

export interface RunOptions {
  /** cache repository the command runs in (GIT_DIR and cwd); absent for `init` */
  readonly gitDir?: string;
  /** working directory when there is no gitDir */
  readonly cwd?: string;
  /** kills the process; the run rejects with the signal's reason */
  readonly signal: AbortSignal;
}

/** the git environment variables we set; simple-git's environment guard must be told about each */
const ALLOWED_GIT_ENV = [
  'GIT_CONFIG_NOSYSTEM',
  'GIT_TERMINAL_PROMPT',
  'GIT_ALLOW_PROTOCOL',
  'GIT_PROTOCOL_FROM_USER',
  'GIT_DIR',
  'GIT_LITERAL_PATHSPECS',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_ATTR_NOSYSTEM',
  'GIT_CEILING_DIRECTORIES',
] as const;

export class GitRunner {
  readonly #opts: GitRunnerOptions;

  constructor(opts: GitRunnerOptions) {
    this.#opts = opts;
  }

  /** the directory git uses as HOME */
  get home(): string {
    return this.#opts.home;
  }

  /**
   * Writes $HOME/.gitconfig (atomically, every start, so it always matches
   * this code) and the empty template dir. Safe to call again.
   */
  async prepare(): Promise<void> {
    const home = this.#opts.home;
    await mkdir(join(home, 'template'), { recursive: true, mode: 0o700 });
    await mkdir(join(home, 'bin'), { recursive: true, mode: 0o700 });
    await writeAtomically(join(home, '.gitconfig'), hardenedGitConfig({ ...this.#opts, templateDir: join(home, 'template') }), 0o600);
    await writeAtomically(join(home, 'bin', WRAPPER), WRAPPER_SCRIPT, 0o700);
  }

  /** the complete environment of every git process (nothing inherited) */
  env(gitDir?: string): Record<string, string> {
    const env: Record<string, string> = {
      PATH: `${join(this.#opts.home, 'bin')}:${this.#opts.path ?? DEFAULT_GIT_PATH}`,
      HOME: this.#opts.home,
      XDG_CONFIG_HOME: join(this.#opts.home, '.config'),
      LC_ALL: 'C',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ALLOW_PROTOCOL: 'file:https:ssh',
      GIT_PROTOCOL_FROM_USER: '0',
      GIT_LITERAL_PATHSPECS: '1',
      GIT_NO_REPLACE_OBJECTS: '1',
      GIT_ATTR_NOSYSTEM: '1',
    };
    if (gitDir !== undefined) {
      env.GIT_DIR = gitDir;
      env.GIT_CEILING_DIRECTORIES = gitDir;
    }
    return env;
  }

  /** runs `git <op> <args>` and returns stdout as UTF-8 text */
  async run(op: string, args: readonly string[], opts: RunOptions): Promise<string> {
    return this.#exec(op, args, opts, (git) => git.raw([op, ...args]));
  }

  /** runs `git cat-file <args>` and returns stdout as bytes */
  async catFileBytes(args: readonly string[], opts: RunOptions): Promise<Buffer> {
    return this.#exec('cat-file', args, opts, async (git) => {
      const out: unknown = await git.binaryCatFile([...args]);
      return Buffer.isBuffer(out) ? out : Buffer.from(String(out));
    });
  }

  async #exec<T>(op: string, args: readonly string[], opts: RunOptions, fn: (git: SimpleGit) => Promise<T>): Promise<T> {
    const { signal } = opts;
    signal.throwIfAborted();
    const git = simpleGit({
      baseDir: opts.gitDir ?? opts.cwd ?? this.#opts.home,
      binary: WRAPPER,
      maxConcurrentProcesses: 1,
      config: [...COMMAND_LINE_CONFIG],
      abort: signal,
      allowEnvironment: ALLOWED_GIT_ENV,
      trimmed: false,
      unsafe: {},
      // simple-git fails a command only when it exits non-zero AND wrote to stderr; `--quiet` commands
      // write nothing, so every non-zero exit is made an error here
      errors: (error, result) => error ?? (result.exitCode === 0 ? undefined : exitError(result.exitCode, result.stdErr)),
    }).env(this.env(opts.gitDir));
    this.#opts.onCommand?.({ op, args, gitDir: opts.gitDir });
    try {
      return await fn(git);
    } catch (err) {
      if (signal.aborted) throw signal.reason as Error;
      if (err instanceof GitPluginError) {
        // a guard refused our own arguments or environment: a bug here, never user input
        throw new FlotillaError('INTERNAL', `git ${op}: refused by simple-git (${err.plugin ?? 'plugin'}): ${err.message}`, { cause: err });
      }
      if (err instanceof GitError) throw new GitCommandError(op, err.message, { cause: err });
      throw new GitCommandError(op, err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, content, { mode });
  await chmod(tmp, mode);
  await rename(tmp, file);
}

function exitError(exitCode: number, stderr: readonly Buffer[]): Buffer {
  const text = Buffer.concat(stderr).toString('utf8');
  return Buffer.from(text.trim() === '' ? `exit code ${exitCode}` : text);
}

/** the first meaningful line of git's stderr, for messages */
export function firstLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const line = lines.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? lines[0] ?? '(no output)';
  return sanitize(line.replace(/^(fatal|error): /, ''));
}

/** printable ASCII only, at most 300 characters (stderr may carry remote text) */
export function sanitize(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

/** single-quotes a word for the POSIX shell git runs core.sshCommand with */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** a config value in double quotes, escaped for git's config parser */
function configValue(value: string): string {
  if (/[\n\r\0]/.test(value)) throw new FlotillaError('INVALID_ARGUMENT', 'git config value must not contain line breaks or NUL');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The ssh command git runs for ssh:// and user@host:path URLs. */
export function sshCommand(opts: Pick<GitRunnerOptions, 'knownHostsFile' | 'sshIdentityFile' | 'sshConnectTimeoutSeconds'>): string {
  const words = [
    'ssh',
    '-F', '/dev/null',
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${shellQuote(opts.knownHostsFile)}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'UpdateHostKeys=no',
    '-o', 'PasswordAuthentication=no',
    '-o', 'KbdInteractiveAuthentication=no',
    '-o', 'ProxyCommand=none',
    '-o', 'PermitLocalCommand=no',
    '-o', 'ForwardAgent=no',
    '-o', 'ClearAllForwardings=yes',
    '-o', `ConnectTimeout=${opts.sshConnectTimeoutSeconds ?? 30}`,
    '-o', 'ServerAliveInterval=15',
    '-o', 'ServerAliveCountMax=4',
  ];
  if (opts.sshIdentityFile !== undefined) words.push('-o', 'IdentitiesOnly=yes', '-i', shellQuote(opts.sshIdentityFile));
  return words.join(' ');
}

/** The cache's global git config: everything the command line may not carry (see the file comment). */
export function hardenedGitConfig(opts: GitRunnerOptions & { templateDir: string }): string {
  return [
    '# Written by flotillad (src/git/runner.ts) on every start; edits are overwritten.',
    '[core]',
    '\thooksPath = /dev/null',
    '\tfsmonitor = false',
    '\tattributesFile = /dev/null',
    '\tlogAllRefUpdates = always',
    `\tsshCommand = ${configValue(sshCommand(opts))}`,
    '[protocol]',
    '\tallow = never',
    '[protocol "file"]',
    '\tallow = always',
    '[protocol "https"]',
    '\tallow = always',
    '[protocol "ssh"]',
    '\tallow = always',
    '[submodule]',
    '\trecurse = false',
    '[fetch]',
    '\trecurseSubmodules = false',
    '\tfsckObjects = true',
    '\twriteCommitGraph = false',
    '[transfer]',
    '\tfsckObjects = true',
    '[gc]',
    '\tautoDetach = false',
    '\treflogExpire = never',
    '\treflogExpireUnreachable = never',
    '[maintenance]',
    '\tautoDetach = false',
    '[init]',
    `\ttemplateDir = ${configValue(opts.templateDir)}`,
    '[safe]',
    '\tbareRepository = explicit',
    '[user]',
    '\tname = flotilla',
    '\temail = flotilla@localhost',
    '',
  ].join('\n');
}
