// ResourceObject <-> the proto message of a kind (snake_case fields, spec and
// status as google.protobuf.Struct). Input from the wire is turned into a
// plain object and then validated by server/ like any YAML document.

import { InvalidArgumentError } from '../errors.js';
import type { ResourceObject } from '../resources/index.js';
import { fromStruct, toStruct, type ProtoStruct } from './struct.js';

export interface ProtoObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uuid?: string;
  resource_version?: string;
  generation?: string | number;
  created_at?: string;
  updated_at?: string;
}

export interface ProtoObject {
  api_version?: string;
  kind?: string;
  metadata?: ProtoObjectMeta | null;
  spec?: ProtoStruct | null;
  status?: ProtoStruct | null;
}

export function toProto(obj: ResourceObject): ProtoObject {
  const m = obj.metadata;
  return {
    api_version: obj.apiVersion,
    kind: obj.kind,
    metadata: {
      name: m.name,
      namespace: m.namespace ?? '',
      labels: m.labels ?? {},
      annotations: m.annotations ?? {},
      uuid: m.uuid ?? '',
      resource_version: m.resourceVersion ?? '',
      generation: String(m.generation ?? 0),
      created_at: m.createdAt ?? '',
      updated_at: m.updatedAt ?? '',
    },
    spec: toStruct((obj.spec ?? {}) as Record<string, unknown>),
    status: obj.status === undefined || obj.status === null ? null : toStruct(obj.status as Record<string, unknown>),
  };
}

/**
 * A wire object -> the plain object the resource validator expects. Empty
 * strings are "unset" in proto3, so they are dropped; server-set fields are
 * dropped except resource_version (the optional precondition). `kind` is
 * filled in from the service when the message leaves it empty.
 */
export function fromProto(msg: ProtoObject | null | undefined, serviceKind: string): Record<string, unknown> {
  if (!msg) throw new InvalidArgumentError([{ path: 'object', message: 'is required' }]);
  if (msg.kind && msg.kind !== serviceKind) {
    throw new InvalidArgumentError([{ path: 'kind', message: `'${msg.kind}' sent to ${serviceKind}Service` }]);
  }
  const m = msg.metadata ?? {};
  const metadata: Record<string, unknown> = {};
  if (m.name) metadata.name = m.name;
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.labels && Object.keys(m.labels).length > 0) metadata.labels = m.labels;
  if (m.annotations && Object.keys(m.annotations).length > 0) metadata.annotations = m.annotations;
  if (m.resource_version) metadata.resourceVersion = m.resource_version;
  return {
    apiVersion: msg.api_version || 'flotilla/v1alpha1',
    kind: serviceKind,
    metadata,
    spec: fromStruct(msg.spec) ?? {},
  };
}

export const APPLY_RESULT = {
  created: 'APPLY_RESULT_CREATED',
  configured: 'APPLY_RESULT_CONFIGURED',
  unchanged: 'APPLY_RESULT_UNCHANGED',
} as const;

export const WATCH_EVENT_TYPE = {
  ADDED: 'WATCH_EVENT_TYPE_ADDED',
  MODIFIED: 'WATCH_EVENT_TYPE_MODIFIED',
  DELETED: 'WATCH_EVENT_TYPE_DELETED',
  BOOKMARK: 'WATCH_EVENT_TYPE_BOOKMARK',
  RESYNC: 'WATCH_EVENT_TYPE_RESYNC',
} as const;

/** The full object a client received (all metadata kept), for display and round-trips. */
export function protoToResource(msg: ProtoObject): ResourceObject {
  const m = msg.metadata ?? {};
  const metadata: ResourceObject['metadata'] = { name: m.name ?? '' };
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.labels && Object.keys(m.labels).length > 0) metadata.labels = m.labels;
  if (m.annotations && Object.keys(m.annotations).length > 0) metadata.annotations = m.annotations;
  if (m.uuid) metadata.uuid = m.uuid;
  if (m.resource_version) metadata.resourceVersion = m.resource_version;
  if (m.generation !== undefined && String(m.generation) !== '0') metadata.generation = Number(m.generation);
  if (m.created_at) metadata.createdAt = m.created_at;
  if (m.updated_at) metadata.updatedAt = m.updated_at;
  const status = fromStruct(msg.status);
  return {
    apiVersion: msg.api_version || 'flotilla/v1alpha1',
    kind: msg.kind ?? '',
    metadata,
    spec: fromStruct(msg.spec) ?? {},
    ...(status !== undefined ? { status } : {}),
  };
}
