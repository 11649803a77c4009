// dnf on Fedora / RHEL and their relatives (dnf 4 and dnf 5 share the flags
// used here). Installed versions come from `rpm -q` with a query format,
// candidates from `dnf repoquery --available --latest-limit=1`. Versions are
// shown as [epoch:]version-release, the epoch only when it is not 0. Installs
// ask for exact `name-[epoch:]version-release` specs, so an upgrade and a new
// install go into one `dnf install` transaction. Only the output parsers are
// tested here (dnf is not on the test machine).

import { UnavailableError } from '../../errors.js';
import { commandText, lastLine, managerExec, outcome, type ExecOptions, type PackageInfo, type PackageManager } from './manager.js';

const RPM_FORMAT = '%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n';
const REPOQUERY_FORMAT = '%{name}\\t%{epoch}:%{version}-%{release}\\n';
const RETRYABLE = /Failed to download|Cannot download|Curl error|Could not resolve host|waiting for process|lock/i;

/** drops a zero epoch: `0:1.2-3` -> `1.2-3` */
export function normalizeEvr(evr: string): string {
  return evr.startsWith('0:') ? evr.slice(2) : evr;
}

/** Parses `rpm -q --qf RPM_FORMAT` output: name -> installed version (the newest when several are installed). */
export function parseRpmQuery(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, evr] = line.split('\t');
    if (name === undefined || evr === undefined || evr === '') continue; // "package x is not installed"
    out.set(name, normalizeEvr(evr.trim()));
  }
  return out;
}

/** Parses `dnf repoquery --qf REPOQUERY_FORMAT` output: name -> newest available version. */
export function parseRepoquery(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [name, evr] = line.split('\t');
    if (name === undefined || evr === undefined || evr.trim() === '') continue;
    out.set(name.trim(), normalizeEvr(evr.trim()));
  }
  return out;
}

export function createDnf(o: ExecOptions): PackageManager {
  const query = managerExec(o, 'query');
  const transaction = managerExec(o, 'transaction');
  const spec = (name: string, version: string | undefined) => (version !== undefined ? `${name}-${version}` : name);

  return {
    name: 'dnf',

    async query(names, signal) {
      const rqArgv = ['dnf', '--quiet', 'repoquery', '--available', '--latest-limit=1', `--queryformat=${REPOQUERY_FORMAT}`, ...names];
      const [rpm, rq] = await Promise.all([query(['rpm', '-q', '--qf', RPM_FORMAT, ...names], signal), query(rqArgv, signal)]);
      if (rpm.spawnError !== undefined) throw new UnavailableError(`rpm: ${rpm.spawnError}`);
      if (rq.rc !== 0) throw new UnavailableError(`${commandText(rqArgv)} failed (exit code ${rq.rc}): ${lastLine(rq.stderr)}`);
      const installed = parseRpmQuery(rpm.stdout);
      const available = parseRepoquery(rq.stdout);
      const out = new Map<string, PackageInfo>();
      for (const name of names) {
        const i = installed.get(name);
        const c = available.get(name) ?? i;
        out.set(name, { ...(i !== undefined ? { installed: i } : {}), ...(c !== undefined ? { candidate: c } : {}) });
      }
      return out;
    },

    async refresh(signal) {
      const argv = ['dnf', '--quiet', 'makecache', '--refresh'];
      const out = await transaction(argv, signal);
      if (out.rc !== 0) throw new UnavailableError(`${commandText(argv)} failed (exit code ${out.rc}): ${lastLine(out.stderr)}`);
    },

    async install(targets, { signal }) {
      const argv = ['dnf', '--assumeyes', '--quiet', 'install', ...targets.map((t) => spec(t.name, t.version))];
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },

    async remove(names, signal) {
      const argv = ['dnf', '--assumeyes', '--quiet', 'remove', ...names];
      return outcome(argv, await transaction(argv, signal), RETRYABLE);
    },
  };
}
