// apk on Alpine. Installed and available versions both come from
// `apk policy`, which lists each version of a name in order of preference,
// followed by where it is: `lib/apk/db/installed` (older apk) or
// `<layer>/installed` for the installed one, repository URLs for the others,
// `@tag URL` for tagged repositories (never a candidate unless asked for).
// A version is requested (`name=version`) only when the user pinned it,
// because apk records that constraint in /etc/apk/world; `latest` uses
// `apk add --upgrade`. Only the output parser is tested here (apk is not on
// the test machine).

import { UnavailableError } from '../../errors.js';
import { commandText, lastLine, managerExec, outcome, type ExecOptions, type PackageInfo, type PackageManager } from './manager.js';

const RETRYABLE = /temporary error|network|unable to lock database|DNS lookup error|could not connect/i;

/** Parses `apk policy` output into PackageInfo per name. */
export function parseApkPolicy(text: string): Map<string, PackageInfo> {
  const raw = new Map<string, { installed?: string; versions: string[]; fromRepo: string[] }>();
  let cur: { installed?: string; versions: string[]; fromRepo: string[] } | undefined;
  let version: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^(\S+) policy:$/.exec(line);
    if (head) {
      cur = { versions: [], fromRepo: [] };
      raw.set(head[1], cur);
      version = undefined;
      continue;
    }
    if (cur === undefined) continue;
    const ver = /^ {2}(\S+?)(?: \([a-z]+\))?:$/.exec(line);
    if (ver) {
      version = ver[1];
      cur.versions.push(version);
      continue;
    }
    const where = /^ {4}(\S.*)$/.exec(line);
    if (!where || version === undefined) continue;
    const loc = where[1].trim();
    if (loc === 'lib/apk/db/installed' || loc.endsWith('/installed')) cur.installed = version;
    else if (!loc.startsWith('@') && !cur.fromRepo.includes(version)) cur.fromRepo.push(version);
  }
  const out = new Map<string, PackageInfo>();
  for (const [name, r] of raw) {
    const candidate = r.fromRepo[0] ?? r.installed;
    out.set(name, {
      ...(r.installed !== undefined ? { installed: r.installed } : {}),
      ...(candidate !== undefined ? { candidate } : {}),
      versions: r.versions,
    });
  }
  return out;
}

export function createApk(o: ExecOptions): PackageManager {
  const query = managerExec(o, 'query');
  const transaction = managerExec(o, 'transaction');

  return {
    name: 'apk',

    async query(names, signal) {
      const argv = ['apk', 'policy', ...names];
      const out = await query(argv, signal);
      if (out.rc !== 0) throw new UnavailableError(`${commandText(argv)} failed (${out.spawnError ?? `exit code ${out.rc}`}): ${lastLine(out.stderr)}`);
      const parsed = parseApkPolicy(out.stdout);
      return new Map(names.map((n) => [n, parsed.get(n) ?? {}]));
    },

    async refresh(signal) {
      const argv = ['apk', 'update', '--quiet'];
      const out = await transaction(argv, signal);
      if (out.rc !== 0) throw new UnavailableError(`${commandText(argv)} failed (exit code ${out.rc}): ${lastLine(out.stderr)}`);
    },

    async install(targets, { latest, signal }) {
      const argv = ['apk', 'add', '--quiet', '--no-progress', ...(latest ? ['--upgrade'] : []), ...targets.map((t) => (t.pinned && t.version !== undefined ? `${t.name}=${t.version}` : t.name))];
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },

    async remove(names, signal) {
      const argv = ['apk', 'del', '--quiet', '--no-progress', ...names];
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },
  };
}
