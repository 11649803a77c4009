// apt on Debian and its derivatives. Installed versions come from dpkg-query
// (the dpkg database is the truth), candidates and available versions from
// `apt-cache policy`. Every apt-get / apt-cache call gets
// DEBIAN_FRONTEND=noninteractive, a C locale, `-o DPkg::Lock::Timeout=60`
// (wait for the dpkg lock instead of failing at once), keep-old-conffiles
// answers for dpkg, and then the node's extra options (ModuleSettings
// aptOptions, each `Name=Value`). Note that DPkg::Lock::Timeout does not cover
// the lists lock of `apt-get update`: callers serialise with the package lock.

import { UnavailableError } from '../../errors.js';
import { commandText, lastLine, managerExec, outcome, type ExecOptions, type PackageInfo, type PackageManager } from './manager.js';

export interface AptOptions extends ExecOptions {
  /** extra `Name=Value` options, passed as `-o Name=Value` to every apt-get and apt-cache call */
  readonly aptOptions?: readonly string[];
}

const DPKG_FORMAT = '${binary:Package}\\t${Package}\\t${Version}\\t${db:Status-Abbrev}\\n';
/** a lock held by another process, or a source that could not be reached */
const RETRYABLE = /Could not get lock|Unable to acquire the dpkg frontend lock|Temporary failure resolving|Failed to fetch|Could not connect|Connection timed out/;

/**
 * Parses `apt-cache policy` output: per package, the candidate and every
 * version of the version table. `(none)` means no candidate.
 */
export function parseAptPolicy(text: string): Map<string, { candidate?: string; versions: string[] }> {
  const out = new Map<string, { candidate?: string; versions: string[] }>();
  let cur: { candidate?: string; versions: string[] } | undefined;
  for (const line of text.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) {
      cur = { versions: [] };
      out.set(head[1], cur);
      continue;
    }
    if (cur === undefined) continue;
    const cand = /^\s+Candidate:\s+(\S+)\s*$/.exec(line);
    if (cand) {
      if (cand[1] !== '(none)') cur.candidate = cand[1];
      continue;
    }
    // version-table rows: " *** 1.1 100" or "     1.0 500"; source rows carry a path or URL after the priority
    const row = /^\s+(?:\*\*\*\s+)?(\S+)\s+(-?\d+)$/.exec(line);
    if (row && !/^(Installed|Candidate|Version):?$/.test(row[1]) && !cur.versions.includes(row[1])) cur.versions.push(row[1]);
  }
  return out;
}

export interface DpkgRow {
  readonly version: string;
  /** second letter of db:Status-Abbrev: i installed, c config-files only, n not installed, ... */
  readonly status: string;
}

/** Parses dpkg-query rows (DPKG_FORMAT), keyed by both the arch-qualified and the plain name. */
export function parseDpkgQuery(text: string): Map<string, DpkgRow> {
  const out = new Map<string, DpkgRow>();
  for (const line of text.split('\n')) {
    const [binary, name, version, abbrev] = line.split('\t');
    if (name === undefined || version === undefined || abbrev === undefined) continue;
    const row = { version, status: abbrev.charAt(1) };
    // a package of the native and a foreign arch: keep the installed one
    for (const key of new Set([binary, name])) {
      const prev = out.get(key);
      if (prev === undefined || (prev.status !== 'i' && row.status === 'i')) out.set(key, row);
    }
  }
  return out;
}

const INSTALLED = new Set(['i', 'W', 't']);

/** Folds dpkg rows and apt-cache policy into PackageInfo per requested name. */
export function aptInfo(names: readonly string[], dpkg: Map<string, DpkgRow>, policy: Map<string, { candidate?: string; versions: string[] }>): Map<string, PackageInfo> {
  const out = new Map<string, PackageInfo>();
  for (const name of names) {
    const row = dpkg.get(name);
    const pol = policy.get(name);
    out.set(name, {
      ...(row && INSTALLED.has(row.status) ? { installed: row.version } : {}),
      ...(row?.status === 'c' ? { residual: true } : {}),
      ...(pol?.candidate !== undefined ? { candidate: pol.candidate } : {}),
      ...(pol ? { versions: pol.versions } : {}),
    });
  }
  return out;
}

// Debian version ordering (deb-version(7)), as dpkg's verrevcmp does it.
function order(c: string | undefined): number {
  if (c === undefined || (c >= '0' && c <= '9')) return 0;
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

function splitVersion(v: string): { epoch: number; upstream: string; revision: string } {
  const colon = v.indexOf(':');
  const epoch = colon > 0 && /^\d+$/.test(v.slice(0, colon)) ? Number(v.slice(0, colon)) : 0;
  const rest = colon > 0 ? v.slice(colon + 1) : v;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

/** Orders two Debian versions: <0 when a is older, 0 when equal, >0 when newer. */
export function compareDebianVersions(a: string, b: string): number {
  const x = splitVersion(a);
  const y = splitVersion(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision);
}

export function createApt(o: AptOptions): PackageManager {
  const env = { ...o.env, DEBIAN_FRONTEND: 'noninteractive', APT_LISTCHANGES_FRONTEND: 'none' };
  const query = managerExec({ ...o, env }, 'query');
  const transaction = managerExec({ ...o, env }, 'transaction');
  const extra = (o.aptOptions ?? []).flatMap((x) => ['-o', x]);
  const aptGet = (args: readonly string[]) => [
    'apt-get',
    '-o',
    'DPkg::Lock::Timeout=60',
    '-o',
    'Dpkg::Options::=--force-confdef',
    '-o',
    'Dpkg::Options::=--force-confold',
    ...extra,
    '-y',
    '-q',
    ...args,
  ];

  return {
    name: 'apt',

    async query(names, signal) {
      const policyArgv = ['apt-cache', ...extra, 'policy', ...names];
      const [policy, dpkg] = await Promise.all([query(policyArgv, signal), query(['dpkg-query', '-W', `-f=${DPKG_FORMAT}`, ...names], signal)]);
      if (policy.rc !== 0) throw new UnavailableError(`${commandText(policyArgv)} failed (exit code ${policy.rc}): ${lastLine(policy.stderr)}`);
      // dpkg-query exits 1 when some name is unknown to dpkg, which is an answer
      if (dpkg.rc > 1 || dpkg.spawnError !== undefined) throw new UnavailableError(`dpkg-query failed (${dpkg.spawnError ?? `exit code ${dpkg.rc}`}): ${lastLine(dpkg.stderr)}`);
      return aptInfo(names, parseDpkgQuery(dpkg.stdout), parseAptPolicy(policy.stdout));
    },

    async refresh(signal) {
      const argv = ['apt-get', ...extra, '-q', 'update'];
      const out = await transaction(argv, signal);
      if (out.rc !== 0) throw new UnavailableError(`${commandText(argv)} failed (exit code ${out.rc}): ${lastLine(out.stderr) || lastLine(out.stdout)}`);
    },

    async install(targets, { signal }) {
      const downgrade = targets.some((t) => t.version !== undefined);
      const argv = aptGet(['install', ...(downgrade ? ['--allow-downgrades'] : []), ...targets.map((t) => (t.version !== undefined ? `${t.name}=${t.version}` : t.name))]);
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },

    async remove(names, signal) {
      const argv = aptGet(['purge', ...names]);
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },

    compareVersions: compareDebianVersions,
  };
}
