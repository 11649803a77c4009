// How flotctl prints: aligned tables (the default), YAML that can be applied
// again, JSON, and ages like kubectl's (5s, 3m, 2h, 4d).

import { createRequire } from 'node:module';
import type { ResourceObject } from '../src/resources/index.js';

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** the YAML library, loaded on first use: most commands never print or parse YAML, and loading it costs ~20 ms */
export function yamlLib(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}

/** YAML of one object or several (as a multi-document stream) */
export function toYaml(objs: readonly ResourceObject[]): string {
  const { stringify } = yamlLib();
  return objs.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}

export function toJson(objs: readonly ResourceObject[], single: boolean): string {
  return `${JSON.stringify(single ? objs[0] : { apiVersion: 'flotilla/v1alpha1', kind: 'List', items: objs }, null, 2)}\n`;
}

/** kubectl-style age of an ISO timestamp relative to `now` */
export function age(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export function labelsText(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
