// Semantic equality of specs (and labels, annotations, statuses) for apply:
// an update that changes nothing must be "unchanged", whatever the key order
// of the input. Values are JSON data; a key holding undefined counts as
// absent, as it would after a JSON round trip.

import { isPlainObject } from './schema.js';

/**
 * Deep equality of JSON-like values, insensitive to object key order and
 * sensitive to list order. `undefined` properties are ignored; `null` is a
 * value. Non-plain objects (dates, buffers, class instances) are equal only
 * when identical.
 */
export function specEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!specEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !specEqual(a[k], b[k])) return false;
    }
    return true;
  }
  return false;
}
