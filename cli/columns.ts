// The table columns `flotctl get` shows per kind (wide adds more). Extractors
// read specs defensively: a column shows '' rather than failing on an object
// written by a newer daemon.
/* eslint-disable @typescript-eslint/no-explicit-any -- display code reads objects of every kind defensively */

import type { ResourceObject } from '../src/resources/index.js';
import { age, labelsText } from './output.js';

type Obj = ResourceObject;
type Col = readonly [header: string, value: (o: Obj) => string];

const s = (o: Obj) => (o.spec ?? {}) as Record<string, any>;
const st = (o: Obj) => (o.status ?? {}) as Record<string, any>;
const str = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return `${v}`;
  return v === undefined || v === null ? '' : JSON.stringify(v);
};
const oneKey = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).filter((k) => (v as any)[k] !== undefined)[0] ?? '' : '');

const targets = (t: any): string => {
  if (!t) return '';
  if (t.nodeGroup) return `group:${t.nodeGroup}`;
  if (Array.isArray(t.nodes)) return `nodes:${t.nodes.join(',')}`;
  if (t.selector) return `selector:${Object.entries(t.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${str(v)}`).join(',') || '...'}`;
  return '';
};

const AGE: Col = ['AGE', (o) => age(o.metadata.createdAt)];

export const COLUMNS: Record<string, { cols: readonly Col[]; wide?: readonly Col[] }> = {
  Namespace: { cols: [['STATUS', (o) => str(st(o).phase)], AGE] },
  Node: {
    cols: [['VERSION', (o) => str(st(o).version)], AGE],
    wide: [
      ['OS', (o) => [st(o).facts?.distribution, st(o).facts?.distributionVersion].filter(Boolean).join(' ')],
      ['KERNEL', (o) => str(st(o).facts?.kernel)],
      ['LABELS', (o) => labelsText(o.metadata.labels)],
    ],
  },
  NodeGroup: {
    cols: [['NODES', (o) => str(st(o).count ?? '')], ['SELECTOR', (o) => targets({ selector: s(o).selector, nodes: s(o).nodes })], AGE],
  },
  Config: { cols: [AGE] },
  ClusterVariable: { cols: [['KEY', (o) => str(s(o).key ?? o.metadata.name)], ['SOURCE', (o) => (s(o).valueFrom ? oneKey(s(o).valueFrom) : 'value')], ['SCOPE', (o) => str(oneKey(s(o).scope) || 'all')], AGE] },
  ClusterVariableBinding: {
    cols: [['VARIABLES', (o) => str((s(o).clusterVariables ?? []).join(','))], ['NAMESPACES', (o) => str((s(o).namespaces ?? []).join(','))], AGE],
  },
  TaskBook: {
    cols: [['TARGETS', (o) => targets(s(o).targets)], ['STEPS', (o) => str((s(o).steps ?? []).length)], ['SERIAL', (o) => str(s(o).strategy?.serial ?? '')], AGE],
    wide: [['INCLUDES', (o) => str((s(o).include ?? []).length)], ['LABELS', (o) => labelsText(o.metadata.labels)]],
  },
  Variable: { cols: [['KEY', (o) => str(s(o).key ?? o.metadata.name)], ['SOURCE', (o) => (s(o).valueFrom ? oneKey(s(o).valueFrom) : 'value')], ['SCOPE', (o) => str(oneKey(s(o).scope) || 'all')], AGE] },
  CronJob: {
    cols: [['SCHEDULE', (o) => str(s(o).schedule)], ['TIMEZONE', (o) => str(s(o).timezone ?? 'UTC')], ['SUSPEND', (o) => str(s(o).suspend ?? false)], ['LAST', (o) => (st(o).lastScheduleAt ? age(st(o).lastScheduleAt) : '<none>')], AGE],
  },
  Beacon: { cols: [['INTERVAL', (o) => str(s(o).interval)], ['CHECK', (o) => oneKey(s(o).check)], ['EMIT', (o) => str(s(o).emit ?? '')], AGE] },
  Trigger: {
    cols: [['REASON', (o) => str(s(o).match?.reason ?? '*')], ['CONDITION', (o) => (s(o).condition ? `${s(o).condition.count} in ${s(o).condition.window}` : '')], ['TASKBOOK', (o) => str(s(o).taskBook)], AGE],
  },
  Event: {
    cols: [['TYPE', (o) => str(s(o).type)], ['REASON', (o) => str(s(o).reason)], ['OBJECT', (o) => (s(o).involvedObject ? `${String(s(o).involvedObject.kind).toLowerCase()}/${s(o).involvedObject.name}` : '')], ['MESSAGE', (o) => str(s(o).message)]],
  },
  Secret: { cols: [['SOURCE', (o) => (s(o).provider ? oneKey(s(o).provider) : 'data')], ['KEYS', (o) => str(Object.keys(s(o).data ?? {}).length)], AGE] },
  Repository: { cols: [['URL', (o) => str(s(o).url)], ['REF', (o) => str(s(o).ref)], ['SYNCED', (o) => str(st(o).syncedCommit ?? '').slice(0, 12)], AGE] },
  Run: {
    cols: [['TASKBOOK', (o) => str(s(o).taskBook)], ['PHASE', (o) => str(st(o).phase ?? 'Pending')], ['OK', (o) => str(st(o).counts?.ok ?? '')], ['CHANGED', (o) => str(st(o).counts?.changed ?? '')], ['FAILED', (o) => str(st(o).counts?.failed ?? '')], AGE],
  },
};

/** headers and rows for a list of one kind */
export function tableFor(kind: string, objs: readonly Obj[], opts: { wide: boolean; showNamespace: boolean }): { headers: string[]; rows: string[][] } {
  const spec = COLUMNS[kind] ?? { cols: [AGE] };
  const cols: Col[] = [
    ...(opts.showNamespace ? [['NAMESPACE', (o: Obj) => o.metadata.namespace ?? ''] as Col] : []),
    ['NAME', (o) => o.metadata.name],
    ...spec.cols,
    ...(opts.wide ? (spec.wide ?? [['LABELS', (o: Obj) => labelsText(o.metadata.labels)] as Col]) : []),
  ];
  return { headers: cols.map((c) => c[0]), rows: objs.map((o) => cols.map((c) => c[1](o))) };
}
