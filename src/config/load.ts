// Builds flotillad's frozen Config: defaults < YAML file (--config) <
// FLOTILLA_* environment < flags. Every error names where the bad value came
// from (file path, variable or flag) and the field, and nothing starts.

import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { FlotillaError, InvalidArgumentError, type FieldIssue } from '../errors.js';
import { parseDuration } from '../lib/duration.js';
import { isLoopbackHost, parseHostPort } from '../lib/host-port.js';
import { FIELDS, defaultConfig, type Config, type FieldSpec } from './schema.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_NAME = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export interface LoadInput {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** defaults to os.hostname() */
  readonly hostName?: string;
}

export type LoadResult =
  | { readonly kind: 'config'; readonly config: Config; readonly configFile?: string }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' };

/** Usage error: bad flags. The CLI entry point exits 2 on it. */
export class UsageError extends FlotillaError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

export function envName(field: FieldSpec): string {
  return `FLOTILLA_${field.path.replace(/Ms$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\./g, '_').toUpperCase()}`;
}

export function helpText(): string {
  const lines = ['usage: flotillad [--config FILE] [flags]', '', 'flags (each also settable in the config file and as FLOTILLA_* env):'];
  for (const f of FIELDS) {
    if (!f.flag) continue;
    const vals = f.values ? ` (${f.values.join('|')})` : '';
    // the file key as the README documents it: durations without the Ms suffix ('drainTimeout: 30s'); both spellings are read
    lines.push(`  --${f.flag.padEnd(22)} ${f.doc}${vals}  [${f.path.replace(/Ms$/, '')}, ${envName(f)}]`);
  }
  lines.push('  --config FILE            YAML config file', '  --help, --version');
  return lines.join('\n');
}

/** Loads the config; throws UsageError for bad flags and InvalidArgumentError for bad values. */
export function loadConfig(input: LoadInput): LoadResult {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    config: { type: 'string' },
    help: { type: 'boolean' },
    version: { type: 'boolean' },
  };
  for (const f of FIELDS) if (f.flag) options[f.flag] = { type: 'string' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...input.argv], options, allowPositionals: false, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; see flotillad --help`);
  }
  const flags = parsed.values as Record<string, string | boolean | undefined>;
  if (flags.help) return { kind: 'help', text: helpText() };
  if (flags.version) return { kind: 'version' };

  const config = structuredClone(defaultConfig(input.hostName ?? hostname())) as unknown as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const configFile = (flags.config as string | undefined) ?? input.env.FLOTILLA_CONFIG;
  if (configFile !== undefined) applyFile(config, configFile, issues);
  for (const f of FIELDS) {
    const name = envName(f);
    const raw = input.env[name];
    if (raw !== undefined && raw !== '') setField(config, f, raw, `environment ${name}`, issues);
  }
  for (const f of FIELDS) {
    const raw = f.flag ? flags[f.flag] : undefined;
    if (typeof raw === 'string') setField(config, f, raw, `flag --${f.flag}`, issues);
  }
  if (issues.length === 0) crossCheck(config as unknown as Config, issues);
  if (issues.length > 0) throw new InvalidArgumentError(issues);
  // relative to where flotillad was started (child processes such as git run elsewhere)
  config.dataDir = resolve(config.dataDir as string);
  const gossip = config.gossip as { keyFile?: string };
  if (gossip.keyFile !== undefined) gossip.keyFile = resolve(gossip.keyFile);
  return { kind: 'config', config: deepFreeze(config) as unknown as Config, configFile };
}

function applyFile(config: Record<string, unknown>, file: string, issues: FieldIssue[]): void {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 0 });
  } catch (err) {
    issues.push({ path: '', message: `cannot read config: ${(err as Error).message.split('\n')[0]}`, source: { file } });
    return;
  }
  if (doc === null || doc === undefined) return;
  const byPath = new Map(FIELDS.map((f) => [f.path, f]));
  const walk = (node: unknown, prefix: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      issues.push({ path: prefix, message: 'must be a mapping', source: { file } });
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      // the file writes durations without the Ms suffix: drainTimeout: 30s
      const path = prefix === '' ? k : `${prefix}.${k}`;
      const field = byPath.get(path) ?? byPath.get(`${path}Ms`);
      if (field) setField(config, field, v, file, issues, path);
      else if ([...byPath.keys()].some((p) => p.startsWith(`${path}.`))) walk(v, path);
      else issues.push({ path, message: `unknown setting '${k}'`, source: { file } });
    }
  };
  walk(doc, '');
}

function setField(config: Record<string, unknown>, f: FieldSpec, raw: unknown, from: string, issues: FieldIssue[], shownPath = f.path): void {
  const bad = (message: string) => issues.push({ path: shownPath, message: `${message} (from ${from})` });
  let value: unknown;
  switch (f.type) {
    case 'string':
      if (typeof raw !== 'string' || raw === '') return void bad('must be a non-empty string');
      if (f.values && !f.values.includes(raw)) return void bad(`must be one of ${f.values.join(', ')}, got '${raw}'`);
      value = raw;
      break;
    case 'duration': {
      const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
      if (ms === undefined) return void bad(`'${String(raw)}' is not a duration such as 500ms, 30s or 5m`);
      value = ms;
      break;
    }
    case 'int':
    case 'bytes': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n) || n <= 0) return void bad(`'${String(raw)}' must be a positive integer`);
      value = n;
      break;
    }
    case 'list': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
      if (!list || list.some((x) => typeof x !== 'string')) return void bad('must be a list of strings or a comma-separated string');
      value = (list as string[]).map((s) => s.trim()).filter((s) => s !== '');
      break;
    }
    case 'labels': {
      const out: Record<string, string> = {};
      if (typeof raw === 'string') {
        for (const pair of raw.split(',').filter((p) => p.trim() !== '')) {
          const eq = pair.indexOf('=');
          if (eq <= 0) return void bad(`'${pair}' is not k=v`);
          out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
        }
      } else if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
        for (const [k, v] of Object.entries(raw)) out[k] = String(v);
      } else return void bad('must be k=v,k=v or a mapping');
      for (const [k, v] of Object.entries(out)) {
        if (!LABEL_NAME.test(k)) return void bad(`label key '${k}' is not valid`);
        if (!LABEL_VALUE.test(v)) return void bad(`label value '${v}' of '${k}' is not valid`);
      }
      value = out;
      break;
    }
  }
  const parts = f.path.split('.');
  let obj = config;
  for (const p of parts.slice(0, -1)) obj = (obj[p] ??= {}) as Record<string, unknown>;
  obj[parts[parts.length - 1]] = value;
}

function crossCheck(c: Config, issues: FieldIssue[]): void {
  if (!DNS_LABEL.test(c.name)) issues.push({ path: 'name', message: `'${c.name}' must be a lower-case DNS label (a-z, 0-9, '-', at most 63)` });
  const listen = parseHostPort(c.api.listen);
  if (!listen) issues.push({ path: 'api.listen', message: `'${c.api.listen}' is not host:port` });
  else if (!isLoopbackHost(listen.host) && !(c.api.tls.certFile && c.api.tls.keyFile && c.api.tls.caFile)) {
    issues.push({
      path: 'api.listen',
      message: `'${c.api.listen}' is not a loopback address: serving beyond this host requires mTLS (api.tls.certFile, keyFile and caFile)`,
    });
  }
  if (!parseHostPort(c.gossip.bind)) issues.push({ path: 'gossip.bind', message: `'${c.gossip.bind}' is not host:port` });
  c.gossip.join.forEach((j, i) => {
    if (!parseHostPort(j)) issues.push({ path: `gossip.join[${i}]`, message: `'${j}' is not host:port` });
  });
  if (c.store.backend === 'etcd') {
    if (c.store.etcd.endpoints.length === 0) {
      issues.push({ path: 'store.etcd.endpoints', message: 'the etcd backend needs at least one endpoint (--etcd-endpoints)' });
    }
    c.store.etcd.endpoints.forEach((e, i) => {
      const u = URL.canParse(e) ? new URL(e) : undefined;
      const ok = u !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.port !== '' && u.pathname === '/';
      if (!ok) issues.push({ path: `store.etcd.endpoints[${i}]`, message: `'${e}' is not an etcd URL such as http://127.0.0.1:2379` });
    });
  }
  const tls = [c.store.etcd.certFile, c.store.etcd.keyFile].filter((x) => x !== undefined).length;
  if (tls === 1) issues.push({ path: 'store.etcd', message: 'certFile and keyFile must be given together' });
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
