// Stored bytes <-> ResourceObject. Objects are stored as UTF-8 JSON without
// resourceVersion, which is the key's modRevision and is filled in on read.

import { FlotillaError } from '../errors.js';
import type { ResourceObject } from '../resources/index.js';
import type { KeyValue } from '../store/index.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeObject(obj: ResourceObject): Uint8Array {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

export function decodeObject(kv: Pick<KeyValue, 'key' | 'value' | 'modRevision'>): ResourceObject {
  let obj: ResourceObject;
  try {
    obj = JSON.parse(decoder.decode(kv.value)) as ResourceObject;
  } catch (err) {
    throw new FlotillaError('INTERNAL', `stored object at '${kv.key}' is not valid JSON`, { cause: err });
  }
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: kv.modRevision } };
}
