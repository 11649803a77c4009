// Whole-object validation: the envelope rules (apiVersion, kind, metadata,
// scope, size, depth), then the kind's spec schema, collecting every issue
// and reporting them together as one InvalidArgumentError with field paths
// and, for documents, source positions. Used for objects from YAML documents
// (parse.ts), from gRPC/JSON (server/), and for status writes by the system.
// Defaults are not applied here: see KindInfo.withDefaults / defaultedSpec.

import { InvalidArgumentError, type FieldIssue } from '../errors.js';
import {
  API_VERSION,
  DEFAULT_NAMESPACE,
  ENVELOPE_FIELDS,
  MAX_OBJECT_BYTES,
  MAX_OBJECT_DEPTH,
  metadataSchema,
  type DefaultedObject,
  type ObjectMeta,
  type ResourceObject,
  type TypedObject,
} from './envelope.js';
import { KINDS, lookupKind, type KindInfo, type KindName, type StatusOf } from './kinds/index.js';
import type { ClusterConfig } from './kinds/config.js';
import {
  describeValue,
  formatPath,
  isPlainObject,
  Issues,
  quote,
  unknownFieldMessage,
  type Issue,
  type Path,
} from './schema.js';

/** A position in a source document, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps a field path to where it is in the source: the value at `path`, or
 * its key when `key` is true. Undefined when the path is not in the source
 * (the caller then tries the parent).
 */
export type Locate = (path: Path, key: boolean) => SourcePosition | undefined;

export interface ValidateOptions {
  /** file and 1-based document index the object came from, copied into every issue */
  readonly source?: { readonly file?: string; readonly document?: number };
  /** positions for issues (parse.ts passes one over the YAML tree) */
  readonly locate?: Locate;
  /**
   * Keep the server-set metadata (uuid, generation, createdAt, updatedAt)
   * and validate and keep status: for objects the system itself wrote (read
   * back from the store). Default false: they are dropped, as for user
   * input, except resourceVersion, which is the update's precondition.
   */
  readonly keepSystemFields?: boolean;
}

/** Turns schema issues into FieldIssues, with source positions when `locate` finds them. */
export function toFieldIssues(issues: readonly Issue[], opts: Pick<ValidateOptions, 'source' | 'locate'> = {}): FieldIssue[] {
  return issues.map((issue) => {
    let p: Path = issue.at?.path ?? issue.path;
    let key = issue.at?.key ?? false;
    let pos: SourcePosition | undefined;
    if (opts.locate) {
      for (;;) {
        pos = opts.locate(p, key);
        if (pos !== undefined || p.length === 0) break;
        p = p.slice(0, -1);
        key = false;
      }
    }
    const source: { file?: string; document?: number; line?: number; column?: number } = {};
    if (opts.source?.file !== undefined) source.file = opts.source.file;
    if (opts.source?.document !== undefined) source.document = opts.source.document;
    if (pos !== undefined) {
      source.line = pos.line;
      source.column = pos.column;
    }
    const out: FieldIssue = { path: formatPath(issue.path), message: issue.message, ...(Object.keys(source).length > 0 ? { source } : {}) };
    return out;
  });
}

function fail(issues: readonly Issue[], opts: ValidateOptions): never {
  throw new InvalidArgumentError(toFieldIssues(issues, opts));
}

/** The path of the first place `value` nests deeper than `max`, or undefined. Iterative, so any depth is safe. */
export function tooDeep(value: unknown, max: number): Path | undefined {
  const stack: { v: unknown; path: Path }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= max) return path;
    if (Array.isArray(v)) v.forEach((x: unknown, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

/** UTF-8 bytes of the object's JSON serialisation. */
export function objectBytes(obj: unknown): number {
  return Buffer.byteLength(JSON.stringify(obj) ?? '');
}

/** Checks the limits every object must respect before anything else is looked at; throws when one is exceeded. */
function checkLimits(obj: unknown, opts: ValidateOptions): void {
  const deep = tooDeep(obj, MAX_OBJECT_DEPTH);
  if (deep !== undefined) fail([{ path: deep, message: `nests deeper than ${MAX_OBJECT_DEPTH} levels` }], opts);
  const bytes = objectBytes(obj);
  if (bytes > MAX_OBJECT_BYTES) {
    fail([{ path: [], message: `object is too large: ${bytes} bytes as JSON, the limit is ${MAX_OBJECT_BYTES} bytes (1 MiB)` }], opts);
  }
}

/** The top-level value of `field`, or its alias under metadata; reports a conflict between them. */
function envelopeField(
  obj: Record<string, unknown>,
  meta: unknown,
  field: 'apiVersion' | 'kind',
  issues: Issues,
): { value: unknown; path: Path } | undefined {
  const top = obj[field];
  const alias = isPlainObject(meta) ? meta[field] : undefined;
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(top) && given(alias) && top !== alias) {
    const show = (v: unknown) => (typeof v === 'string' ? quote(v) : JSON.stringify(v));
    issues.add(['metadata', field], `${show(alias)} conflicts with ${field} ${show(top)}`);
  }
  if (given(top)) return { value: top, path: [field] };
  if (given(alias)) return { value: alias, path: ['metadata', field] };
  return undefined;
}

function unknownKindMessage(kind: string): string {
  const alias = lookupKind(kind);
  if (alias) return `unknown kind ${quote(kind)} (did you mean '${alias.kind}'?)`;
  return `unknown kind ${quote(kind)}; known kinds: ${KINDS.map((k) => k.kind).join(', ')}`;
}

/** The kind entry for an exact `kind:` value. */
function exactKind(kind: string): KindInfo | undefined {
  const k = lookupKind(kind);
  return k?.kind === kind ? k : undefined;
}

/**
 * Validates an object from any source (a YAML document, JSON, gRPC) and
 * returns a normalised copy: apiVersion and kind at the top, metadata with
 * labels and annotations ({} when absent) and a namespace ('default' for
 * namespaced kinds when absent), the spec as its schema parsed it (not
 * defaulted), no status and no server-set metadata except resourceVersion
 * (unless `keepSystemFields`). Throws InvalidArgumentError listing every
 * issue, each with its field path and, when `opts` allow, file, document,
 * line and column.
 */
export function validateObject(obj: unknown, opts: ValidateOptions = {}): ResourceObject {
  if (!isPlainObject(obj)) fail([{ path: [], message: `an object must be a mapping with apiVersion, kind, metadata and spec (got ${describeValue(obj)})` }], opts);
  checkLimits(obj, opts);
  const issues = new Issues();
  for (const k of Object.keys(obj)) {
    if (!(ENVELOPE_FIELDS as readonly string[]).includes(k)) issues.add([k], unknownFieldMessage(k, ENVELOPE_FIELDS), { path: [k], key: true });
  }
  const rawMeta = obj.metadata;

  const apiVersion = envelopeField(obj, rawMeta, 'apiVersion', issues);
  if (apiVersion === undefined) issues.add(['apiVersion'], `is required (${API_VERSION})`, { path: [] });
  else if (apiVersion.value !== API_VERSION) {
    const got = typeof apiVersion.value === 'string' ? quote(apiVersion.value) : describeValue(apiVersion.value);
    issues.add(apiVersion.path, `must be '${API_VERSION}' (got ${got})`);
  }

  const kindField = envelopeField(obj, rawMeta, 'kind', issues);
  let info: KindInfo | undefined;
  if (kindField === undefined) issues.add(['kind'], 'is required', { path: [] });
  else if (typeof kindField.value !== 'string') issues.add(kindField.path, `must be a string (got ${describeValue(kindField.value)})`);
  else {
    info = exactKind(kindField.value);
    if (!info) issues.add(kindField.path, unknownKindMessage(kindField.value));
  }

  let meta: ObjectMeta | undefined;
  if (rawMeta === undefined || rawMeta === null) issues.add(['metadata'], 'is required', { path: [] });
  else {
    const parsed = metadataSchema.parse(rawMeta, ['metadata'], issues);
    if (isPlainObject(parsed)) meta = parsed;
  }

  if (info && meta) {
    if (info.namespaced) meta.namespace ??= DEFAULT_NAMESPACE;
    else if (meta.namespace !== undefined) {
      issues.add(['metadata', 'namespace'], `must not be set: ${info.kind} is cluster-scoped`, { path: ['metadata', 'namespace'], key: true });
    }
    if (info.fixedName !== undefined && meta.name !== undefined && meta.name !== info.fixedName) {
      issues.add(['metadata', 'name'], `must be '${info.fixedName}' (there is exactly one ${info.kind} object)`);
    }
  }

  let spec: unknown;
  let status: unknown;
  if (info) {
    if (obj.spec === undefined || obj.spec === null) {
      const scratch = new Issues();
      spec = info.specSchema.parse({}, ['spec'], scratch);
      if (scratch.size > 0) issues.add(['spec'], 'is required', { path: [] });
    } else {
      spec = info.specSchema.parse(obj.spec, ['spec'], issues);
    }
    if (opts.keepSystemFields && obj.status !== undefined && obj.status !== null) {
      status = info.statusSchema.parse(obj.status, ['status'], issues);
    }
  }

  if (issues.size > 0 || !info || !meta) fail(issues.list, opts);

  const metadata: ObjectMeta = {
    name: meta.name,
    ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    labels: meta.labels ?? {},
    annotations: meta.annotations ?? {},
  };
  if (meta.resourceVersion !== undefined) metadata.resourceVersion = meta.resourceVersion;
  if (opts.keepSystemFields) {
    if (meta.uuid !== undefined) metadata.uuid = meta.uuid;
    if (meta.generation !== undefined) metadata.generation = meta.generation;
    if (meta.createdAt !== undefined) metadata.createdAt = meta.createdAt;
    if (meta.updatedAt !== undefined) metadata.updatedAt = meta.updatedAt;
  }
  const out: ResourceObject = { apiVersion: API_VERSION, kind: info.kind, metadata, spec };
  if (status !== undefined) out.status = status;
  return out;
}

/**
 * Validates a status the system is about to write for `kind` and returns the
 * normalised copy. Throws InvalidArgumentError with `status.` field paths.
 */
export function validateStatus<K extends KindName>(kind: K, status: unknown): StatusOf<K>;
export function validateStatus(kind: string, status: unknown): unknown;
export function validateStatus(kind: string, status: unknown): unknown {
  const info = exactKind(kind);
  if (!info) throw new InvalidArgumentError([{ path: 'kind', message: unknownKindMessage(kind) }]);
  const deep = tooDeep(status, MAX_OBJECT_DEPTH - 1);
  if (deep !== undefined) fail([{ path: ['status', ...deep], message: `nests deeper than ${MAX_OBJECT_DEPTH} levels` }], {});
  const issues = new Issues();
  const out = info.statusSchema.parse(status, ['status'], issues);
  if (issues.size > 0) fail(issues.list, {});
  return out;
}

/** Validates and narrows to one kind: an InvalidArgumentError when the object is of another kind. */
export function validateObjectOf<K extends KindName>(kind: K, obj: unknown, opts: ValidateOptions = {}): TypedObject<K> {
  const out = validateObject(obj, opts);
  if (out.kind !== kind) fail([{ path: ['kind'], message: `must be ${kind} (got '${out.kind}')` }], opts);
  return out as TypedObject<K>;
}

/**
 * The object with its spec defaulted by its kind's withDefaults, given the
 * cluster Config (defaulted; see clusterConfigFrom). The input is not modified.
 */
export function defaultedObject<K extends KindName>(obj: TypedObject<K>, cluster: ClusterConfig): DefaultedObject<K>;
export function defaultedObject(obj: ResourceObject, cluster: ClusterConfig): ResourceObject;
export function defaultedObject(obj: ResourceObject, cluster: ClusterConfig): ResourceObject {
  const info = exactKind(obj.kind);
  if (!info) throw new InvalidArgumentError([{ path: 'kind', message: unknownKindMessage(obj.kind) }]);
  const spec = info.withDefaults(obj.spec as never, cluster, { name: obj.metadata.name, namespace: obj.metadata.namespace });
  return { ...obj, spec };
}
