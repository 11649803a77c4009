// JSON <-> google.protobuf.Struct as @grpc/proto-loader represents it
// ({ fields: { k: { stringValue } } }). Specs and statuses travel as Structs.
// Numbers are doubles on the wire: integers stay exact up to 2^53.

import { InvalidArgumentError } from '../errors.js';

export interface ProtoValue {
  nullValue?: 'NULL_VALUE' | number;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: ProtoStruct | null;
  listValue?: { values?: ProtoValue[] } | null;
  kind?: string;
}
export interface ProtoStruct {
  fields?: Record<string, ProtoValue>;
}

const MAX_DEPTH = 64;

export function toStruct(obj: Record<string, unknown>): ProtoStruct {
  const fields: Record<string, ProtoValue> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) fields[k] = toValue(v, 1);
  return { fields };
}

function toValue(v: unknown, depth: number): ProtoValue {
  if (depth > MAX_DEPTH) throw new InvalidArgumentError(`value nested deeper than ${MAX_DEPTH} levels`);
  if (v === null) return { nullValue: 'NULL_VALUE', kind: 'nullValue' };
  switch (typeof v) {
    case 'string':
      return { stringValue: v, kind: 'stringValue' };
    case 'number':
      if (!Number.isFinite(v)) throw new InvalidArgumentError(`number ${v} cannot be encoded`);
      return { numberValue: v, kind: 'numberValue' };
    case 'boolean':
      return { boolValue: v, kind: 'boolValue' };
    case 'object':
      if (Array.isArray(v)) return { listValue: { values: v.map((x) => toValue(x ?? null, depth + 1)) }, kind: 'listValue' };
      {
        const fields: Record<string, ProtoValue> = {};
        for (const [k, x] of Object.entries(v)) if (x !== undefined) fields[k] = toValue(x, depth + 1);
        return { structValue: { fields }, kind: 'structValue' };
      }
    default:
      throw new InvalidArgumentError(`a ${typeof v} cannot be encoded`);
  }
}

/** Struct -> plain JSON object; undefined/null struct gives undefined. */
export function fromStruct(s: ProtoStruct | null | undefined): Record<string, unknown> | undefined {
  if (s === null || s === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.fields ?? {})) out[k] = fromValue(v, 1);
  return out;
}

function fromValue(v: ProtoValue, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new InvalidArgumentError(`value nested deeper than ${MAX_DEPTH} levels`);
  const kind = v.kind ?? Object.keys(v).find((k) => k.endsWith('Value') && v[k as keyof ProtoValue] !== undefined && v[k as keyof ProtoValue] !== null);
  switch (kind) {
    case 'stringValue':
      return v.stringValue ?? '';
    case 'numberValue':
      return v.numberValue ?? 0;
    case 'boolValue':
      return v.boolValue ?? false;
    case 'structValue': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v.structValue?.fields ?? {})) out[k] = fromValue(x, depth + 1);
      return out;
    }
    case 'listValue':
      return (v.listValue?.values ?? []).map((x) => fromValue(x, depth + 1));
    default:
      return null;
  }
}
