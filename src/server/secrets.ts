// Secret values never leave the server in plain: reads replace each value of
// Secret.spec.data with REDACTED, and an apply that sends REDACTED back for a
// key keeps the stored value, so `get -o yaml | apply -f -` round-trips.
// (Encryption at rest is done by the store codec once keys are configured.)

import type { ResourceObject } from '../resources/index.js';

export const REDACTED = '[redacted]';

export function redactForRead(obj: ResourceObject): ResourceObject {
  if (obj.kind !== 'Secret') return obj;
  const spec = obj.spec as { data?: Record<string, string> } | undefined;
  if (!spec?.data) return obj;
  const data = Object.fromEntries(Object.keys(spec.data).map((k) => [k, REDACTED]));
  return { ...obj, spec: { ...spec, data } };
}

export function mergeRedacted(kind: string, spec: unknown, stored: unknown): unknown {
  if (kind !== 'Secret') return spec;
  const s = spec as { data?: Record<string, string> } | undefined;
  if (!s?.data) return spec;
  const prev = (stored as { data?: Record<string, string> } | undefined)?.data ?? {};
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data)) {
    if (v === REDACTED) {
      if (prev[k] === undefined) continue;
      data[k] = prev[k];
    } else data[k] = v;
  }
  return { ...s, data };
}
