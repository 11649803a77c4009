// The envelope every object shares — apiVersion, kind, metadata, spec,
// status — and the rules for metadata: names and namespaces are lower-case
// DNS labels (so they are safe as store key segments), labels and
// annotations follow Kubernetes' rules, and server-set fields are typed here
// but filled in by server/. validate.ts checks whole objects against this.

import type { DefaultedSpecOf, KindName, SpecOf, StatusOf } from './kinds/index.js';
import {
  annotationsMap,
  convert,
  dnsLabel,
  int,
  isNumber,
  isString,
  labelsMap,
  object,
  optional,
  required,
  string,
  timestamp,
  union,
  type Schema,
} from './schema.js';

/** The only apiVersion of this API. */
export const API_VERSION = 'flotilla/v1alpha1';
export type ApiVersion = typeof API_VERSION;

/** Largest object accepted, measured as its JSON serialisation in UTF-8 bytes (1 MiB). */
export const MAX_OBJECT_BYTES = 1024 * 1024;
/** Deepest nesting accepted anywhere in an object, counting the envelope. */
export const MAX_OBJECT_DEPTH = 64;

/** Namespace of namespaced objects that name none. */
export const DEFAULT_NAMESPACE = 'default';
/** Namespace of cluster-wide Events and other system objects. */
export const SYSTEM_NAMESPACE = 'system';
/** Namespaces that always exist. */
export const BUILTIN_NAMESPACES: readonly string[] = [DEFAULT_NAMESPACE, SYSTEM_NAMESPACE];

export interface ObjectMeta {
  /** lower-case DNS label, unique per kind and namespace */
  name: string;
  /** namespaced kinds only; 'default' when the input names none */
  namespace?: string;
  /** always present (maybe empty) on validated objects */
  labels?: Record<string, string>;
  /** always present (maybe empty) on validated objects */
  annotations?: Record<string, string>;
  /** set by the daemon that created the object; ignored on input */
  uuid?: string;
  /** the store revision of the last write; on input, an optional precondition for the update */
  resourceVersion?: string;
  /** starts at 1, bumped on each spec change; ignored on input */
  generation?: number;
  /** RFC 3339, set by the server; ignored on input */
  createdAt?: string;
  /** RFC 3339, set by the server; ignored on input */
  updatedAt?: string;
}

/** Any object. `spec` and `status` are typed per kind by TypedObject. */
export interface ResourceObject<S = unknown, St = unknown> {
  /** always API_VERSION on a validated object (a string so decoded wire objects fit the type) */
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: S;
  /** written by the system only; absent until it writes one */
  status?: St;
}

/** An object of one kind with its spec and status typed. */
export type TypedObject<K extends KindName> = ResourceObject<SpecOf<K>, StatusOf<K>> & { kind: K };

/** An object whose spec went through its kind's withDefaults. */
export type DefaultedObject<K extends KindName> = ResourceObject<DefaultedSpecOf<K>, StatusOf<K>> & { kind: K };

/** Narrows an object to one kind. */
export function isKind<K extends KindName>(obj: ResourceObject, kind: K): obj is TypedObject<K> {
  return obj.kind === kind;
}

/** Metadata as accepted on input: also `apiVersion` and `kind`, as aliases of the top-level fields. */
export interface InputObjectMeta extends ObjectMeta {
  apiVersion?: string;
  kind?: string;
}

/** A store revision: a decimal string; a number is accepted and turned into one. */
const revision = (): Schema<string> =>
  union<string>('a store revision (a decimal string such as "1234")', [
    { when: isString, schema: string({ maxLength: 20, pattern: /^\d+$/, patternMessage: 'must be a store revision (a decimal string such as "1234")' }) },
    { when: isNumber, schema: convert(int({ min: 0 }), String) },
  ]);

/** The metadata schema; kind-specific rules (scope, fixed names) are applied by validate.ts. */
export const metadataSchema = object<InputObjectMeta>({
  name: required(dnsLabel()),
  namespace: optional(dnsLabel('namespace')),
  labels: optional(labelsMap()),
  annotations: optional(annotationsMap()),
  uuid: optional(string({ maxLength: 64 })),
  resourceVersion: optional(revision()),
  generation: optional(int({ min: 0 })),
  createdAt: optional(timestamp()),
  updatedAt: optional(timestamp()),
  apiVersion: optional(string({ maxLength: 64 })),
  kind: optional(string({ maxLength: 64 })),
});

/** The top-level fields of an object. */
export const ENVELOPE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;
