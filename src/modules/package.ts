// The package module: packages present (installed, any version or a pinned
// `name=version`), latest (installed and upgraded to the candidate) or absent
// (removed; apt purges, so configuration files go too), through the node's
// package manager (package-managers/: apt, dnf, apk; `manager: auto` picks by
// the binaries on PATH). All names of a step go into ONE transaction.
//
// check() asks the manager for installed and candidate versions and plans
// "install x 1.0", "upgrade x 1.0 -> 1.1", "remove x 1.0". The package index
// is refreshed (apt-get update) by check(), also in check mode, because a
// plan from stale lists would be wrong; it only rewrites the manager's cache,
// never installed packages:
// - state latest: always, since the newest version is the point;
// - state present: only when a name to install has no candidate (or the
//   pinned version is not offered), e.g. on a fresh machine with empty lists;
// - state absent: never.
// apply() installs exactly the planned versions (apt and dnf ask for them
// explicitly), then queries again and fails when the result differs from the
// plan. Calls are serialised by ctx.settings.packageLock when given (dpkg has
// one lock per node). PackageKit is not used (see package-managers/detect.ts).

import { FailedPreconditionError, FlotillaError } from '../errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { ArgReader, quoteValue } from './args.js';
import type { Change, Module, ModuleContext, Plan, Result } from './module.js';
import { createApk } from './package-managers/apk.js';
import { createApt } from './package-managers/apt.js';
import { detectManager, hasManager, isPackageKitRunning, requiredBinaries } from './package-managers/detect.js';
import { createDnf } from './package-managers/dnf.js';
import { lastLine, type ManagerName, type PackageInfo, type PackageManager, type PackageTarget } from './package-managers/manager.js';
import { childEnv } from './process.js';

export const PACKAGE_STATES = ['present', 'absent', 'latest'] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];
export const PACKAGE_MANAGER_CHOICES = ['auto', 'apt', 'dnf', 'apk'] as const;
export type PackageManagerChoice = (typeof PACKAGE_MANAGER_CHOICES)[number];

const FIELDS = ['name', 'state', 'manager'] as const;
const NAME = /^[A-Za-z0-9_][^\s=]*$/;
const VERSION = /^[A-Za-z0-9_.+:~-][^\s=]*$/;

export interface PackageRequest {
  readonly name: string;
  /** the pinned version (`name=version`), state present only */
  readonly version?: string;
  /** field path of this name, e.g. `spec.steps[0].package.name[1]` */
  readonly path: string;
}

export interface PackageParams {
  readonly at: string;
  readonly packages: readonly PackageRequest[];
  readonly state: PackageState;
  readonly manager: PackageManagerChoice;
}

export interface PackagePlanData {
  readonly manager: ManagerName;
  /** one transaction: either installs or removals (a step has one state) */
  readonly install: readonly PackageTarget[];
  readonly remove: readonly string[];
  readonly latest: boolean;
  /** installed version per name before; null when not installed */
  readonly before: Readonly<Record<string, string | null>>;
  /** the version each name should have after apply; null for absent */
  readonly expected: Readonly<Record<string, string | null>>;
}

export interface PackageModuleOptions {
  readonly clock?: Clock;
  /** builds the manager for a step; tests may pass their own */
  readonly createManager?: (name: ManagerName, ctx: ModuleContext) => PackageManager;
}

type Lock = <T>(fn: () => Promise<T>) => Promise<T>;

function lockOf(ctx: ModuleContext): Lock {
  return ctx.settings?.packageLock ?? ((fn) => fn());
}

function describeChange(name: string, before: string | undefined, after: string, compare?: (a: string, b: string) => number): Change {
  if (before === undefined) return { what: `install ${name} ${after}`, to: after };
  const verb = compare === undefined ? 'change' : compare(after, before) > 0 ? 'upgrade' : 'downgrade';
  return { what: `${verb} ${name} ${before} -> ${after}`, from: before, to: after };
}

export function createPackageModule(opts: PackageModuleOptions = {}): Module<PackageParams, PackagePlanData> {
  const clock = opts.clock ?? systemClock;

  const createManager =
    opts.createManager ??
    ((name: ManagerName, ctx: ModuleContext): PackageManager => {
      const env = childEnv(ctx);
      if (name === 'apt') return createApt({ env, clock, ...(ctx.settings?.aptOptions ? { aptOptions: ctx.settings.aptOptions } : {}) });
      if (name === 'dnf') return createDnf({ env, clock });
      return createApk({ env, clock });
    });

  async function managerFor(p: PackageParams, ctx: ModuleContext): Promise<PackageManager> {
    const path = childEnv(ctx).PATH;
    if (p.manager !== 'auto') {
      if (opts.createManager === undefined && !(await hasManager(p.manager, path))) {
        throw new FailedPreconditionError(`${p.at}.manager: ${p.manager} is not usable on this node (needs ${requiredBinaries(p.manager).join(', ')} on PATH)`);
      }
      return createManager(p.manager, ctx);
    }
    const found = await detectManager(path);
    if (found === undefined) {
      throw new FailedPreconditionError(`${p.at}.manager: no supported package manager on this node (looked for apt-get + dpkg-query, dnf + rpm, apk on PATH)`);
    }
    if (ctx.log.isLevelEnabled('debug') && (await isPackageKitRunning(path))) {
      ctx.log.debug({ manager: found }, 'packagekit runs on this node but is not used; using the native package manager');
    }
    return createManager(found, ctx);
  }

  /** true when some name to install has nothing to install from (fresh or stale lists) */
  function needsRefresh(p: PackageParams, info: Map<string, PackageInfo>): boolean {
    return p.packages.some((r) => {
      const i = info.get(r.name) ?? {};
      if (r.version !== undefined) return i.installed !== r.version && i.versions !== undefined && !i.versions.includes(r.version);
      return i.installed === undefined && i.candidate === undefined;
    });
  }

  function plan(p: PackageParams, mgr: PackageManager, info: Map<string, PackageInfo>): Plan<PackagePlanData> {
    const changes: Change[] = [];
    const install: PackageTarget[] = [];
    const remove: string[] = [];
    const before: Record<string, string | null> = {};
    const expected: Record<string, string | null> = {};
    const problems: string[] = [];
    const compare = mgr.compareVersions?.bind(mgr);
    for (const r of p.packages) {
      const i = info.get(r.name) ?? {};
      before[r.name] = i.installed ?? null;
      expected[r.name] = i.installed ?? null;
      if (p.state === 'absent') {
        expected[r.name] = null;
        if (i.installed !== undefined) {
          remove.push(r.name);
          changes.push({ what: `remove ${r.name} ${i.installed}`, from: i.installed });
        } else if (i.residual) {
          remove.push(r.name);
          changes.push({ what: `purge ${r.name} (configuration files left by an earlier removal)` });
        }
        continue;
      }
      if (r.version !== undefined) {
        if (i.installed === r.version) continue;
        if (i.versions !== undefined && !i.versions.includes(r.version)) {
          const offered = i.versions.length > 0 ? `offered: ${i.versions.join(', ')}` : 'the package is not offered by any source';
          problems.push(`${r.path}: version ${r.version} of ${quoteValue(r.name)} is not available from ${mgr.name} (${offered})`);
          continue;
        }
        install.push({ name: r.name, version: r.version, pinned: true });
        expected[r.name] = r.version;
        changes.push(describeChange(r.name, i.installed, r.version, compare));
        continue;
      }
      if (i.installed === undefined && i.candidate === undefined) {
        problems.push(`${r.path}: package ${quoteValue(r.name)} is not available from ${mgr.name} (unknown name, or no source offers it)`);
        continue;
      }
      if (i.installed === undefined) {
        install.push({ name: r.name, version: i.candidate! });
        expected[r.name] = i.candidate!;
        changes.push(describeChange(r.name, undefined, i.candidate!));
        continue;
      }
      if (p.state === 'latest' && i.candidate !== undefined && i.candidate !== i.installed && (compare === undefined || compare(i.candidate, i.installed) > 0)) {
        install.push({ name: r.name, version: i.candidate });
        expected[r.name] = i.candidate;
        changes.push(describeChange(r.name, i.installed, i.candidate, compare ?? (() => 1)));
      }
    }
    if (problems.length > 0) throw new FlotillaError('NOT_FOUND', problems.join('; '));
    return { changes, data: { manager: mgr.name, install, remove, latest: p.state === 'latest', before, expected } };
  }

  function packagesData(d: PackagePlanData, after: Readonly<Record<string, string | null>>): Record<string, { before: string | null; after: string | null }> {
    return Object.fromEntries(Object.keys(d.before).map((n) => [n, { before: d.before[n], after: after[n] ?? null }]));
  }

  return {
    kind: 'package',
    rawFields: [],

    parse(raw, at) {
      const r = new ArgReader(raw, at, FIELDS);
      const state = r.oneOf('state', PACKAGE_STATES) ?? (r.has('state') ? undefined : 'present');
      const manager = r.oneOf('manager', PACKAGE_MANAGER_CHOICES) ?? (r.has('manager') ? undefined : 'auto');
      const names = r.stringOrList('name', {
        required: true,
        maxItems: 500,
        check: (s) => {
          if (s.includes('{{')) return `${quoteValue(s)} is an unrendered template`;
          const eq = s.indexOf('=');
          const name = eq < 0 ? s : s.slice(0, eq);
          const version = eq < 0 ? undefined : s.slice(eq + 1);
          if (!NAME.test(name)) return `${quoteValue(s)} is not a package name (no spaces, not starting with '-' or '.')`;
          if (version !== undefined && !VERSION.test(version)) return `${quoteValue(s)} has no valid version after '=' (write name=version)`;
          return undefined;
        },
      });
      const packages: PackageRequest[] = [];
      const seen = new Map<string, string>();
      names?.items.forEach((s, i) => {
        if (s === undefined) return;
        const eq = s.indexOf('=');
        const name = eq < 0 ? s : s.slice(0, eq);
        const field = names.single ? 'name' : `name[${i}]`;
        const path = r.path(field);
        if (seen.has(name)) {
          r.add(field, `${quoteValue(name)} is listed twice (also at ${seen.get(name)})`);
          return;
        }
        seen.set(name, path);
        if (eq >= 0 && state !== undefined && state !== 'present') r.add(field, `a pinned version (${quoteValue(s)}) needs state present (state is ${state})`);
        packages.push({ name, ...(eq >= 0 ? { version: s.slice(eq + 1) } : {}), path });
      });
      r.done();
      return { at, packages, state: state!, manager: manager! };
    },

    async check(p, ctx) {
      ctx.signal.throwIfAborted();
      const mgr = await managerFor(p, ctx);
      const names = p.packages.map((r) => r.name);
      const info = await lockOf(ctx)(async () => {
        if (p.state === 'latest') await mgr.refresh(ctx.signal);
        const first = await mgr.query(names, ctx.signal);
        if (p.state !== 'present' || !needsRefresh(p, first)) return first;
        await mgr.refresh(ctx.signal);
        return mgr.query(names, ctx.signal);
      });
      return plan(p, mgr, info);
    },

    async apply(p, pl, ctx): Promise<Result> {
      ctx.signal.throwIfAborted();
      const d = pl.data;
      if (d.install.length === 0 && d.remove.length === 0) {
        return { changed: false, failed: false, message: 'unchanged', data: { manager: d.manager, packages: packagesData(d, d.before) } };
      }
      const mgr = createManager(d.manager, ctx);
      const names = p.packages.map((r) => r.name);
      const { tx, after } = await lockOf(ctx)(async () => {
        const tx = d.install.length > 0 ? await mgr.install(d.install, { latest: d.latest, signal: ctx.signal }) : await mgr.remove(d.remove, ctx.signal);
        const info = await mgr.query(names, ctx.signal);
        return { tx, after: Object.fromEntries(names.map((n) => [n, info.get(n)?.installed ?? null])) };
      });
      const changed = names.some((n) => after[n] !== d.before[n]) || (tx.rc === 0 && pl.changes.length > 0);
      const data = { manager: d.manager, packages: packagesData(d, after) };
      const output = { rc: tx.rc, stdout: tx.stdout, stderr: tx.stderr };
      if (tx.rc !== 0) {
        return {
          changed,
          failed: true,
          ...output,
          ...(tx.retryable ? { retryable: true } : {}),
          message: `${tx.command} failed (exit code ${tx.rc}): ${lastLine(tx.stderr) || lastLine(tx.stdout)}`,
          data,
        };
      }
      const wrong = names.filter((n) => after[n] !== d.expected[n]).map((n) => `${n} is ${after[n] ?? 'not installed'}, expected ${d.expected[n] ?? 'not installed'}`);
      if (wrong.length > 0) return { changed, failed: true, ...output, message: `${d.manager} finished but ${wrong.join('; ')}`, data };
      return { changed, failed: false, ...output, message: pl.changes.map((c) => c.what).join('; '), data };
    },

    unchanged(_p, pl, ctx) {
      const wouldChange = ctx.check && pl.changes.length > 0;
      // in check mode `after` is what apply would leave
      const after = wouldChange ? pl.data.expected : pl.data.before;
      return {
        changed: wouldChange,
        failed: false,
        message: wouldChange ? `would ${pl.changes.map((c) => c.what).join('; ')}` : 'unchanged',
        data: { manager: pl.data.manager, packages: packagesData(pl.data, after) },
      };
    },
  };
}

export const packageModule = createPackageModule();
