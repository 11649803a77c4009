// The one generic implementation behind every kind: get, list, apply, delete,
// watch and system status writes, on top of the Store. The gRPC services in
// api/ only decode, call this, and encode; the daemon's own subsystems call it
// in-process for system writes (Node registration, status).
//
// Stored value: the object as JSON without resourceVersion (that is the key's
// modRevision, filled in on read). Every write is a txn guarded by a revision
// compare, so a retried or concurrent write never clobbers another; a
// namespaced write also compares its Namespace's revision, so an object can't
// slip into a namespace that is being deleted.

import { randomUUID } from 'node:crypto';
import {
  CompactedError,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  RevisionConflictError,
  isFlotillaError,
} from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../log.js';
import {
  KINDS,
  lookupKind,
  matchesSelector,
  parseLabelSelector,
  specEqual,
  validateObject,
  validateStatus,
  type KindInfo,
  type LabelSelector,
  type ResourceObject,
} from '../resources/index.js';
import { objectKey, objectPrefix, parseObjectKey, type Compare, type KeyValue, type Store, type TxnOp } from '../store/index.js';
import { decodeObject, encodeObject } from './codec.js';
import type { ObjectCache } from './object-cache.js';
import { WriteBatcher } from './write-batcher.js';
import { redactForRead, mergeRedacted } from './secrets.js';

export type ApplyResult = 'created' | 'configured' | 'unchanged';

export interface ListQuery {
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly labelSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  /** read the store, not the cache (in-process callers that must see other daemons' latest writes) */
  readonly fresh?: boolean;
}

export interface ObjectList {
  readonly items: ResourceObject[];
  readonly resourceVersion: string;
  /** empty on the last page */
  readonly continue: string;
}

export type ObjectWatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: ResourceObject; readonly resourceVersion: string }
  | { readonly type: 'BOOKMARK' | 'RESYNC'; readonly resourceVersion: string };

export interface WatchQuery {
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly labelSelector?: string;
  readonly name?: string;
  /** changes after this revision; undefined: initial list as ADDED first */
  readonly resourceVersion?: string;
  readonly bookmarkIntervalMs?: number;
  readonly signal: AbortSignal;
}

export interface ObjectServerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  /** serves reads and the first read of writes when given (see object-cache.ts) */
  readonly cache?: ObjectCache;
}

/** the current state of a key as this server sees it */
interface Current {
  readonly object: ResourceObject | undefined;
  readonly modRevision: string | undefined;
}

/** built-in namespaces: always exist, never deleted */
export const BUILTIN_NAMESPACES = ['default', 'system'] as const;

const MAX_CONFLICT_RETRIES = 8;
/** size of the own-writes overlay at which entries the cache has caught up with are dropped */
const RECENT_PRUNE_AT = 256;
const NAMESPACE_SCAN_LIMIT = 1000;

export class ObjectServer {
  /** per kind, the revision of the last write this server made (lists wait for the cache to reach it) */
  readonly #lastWrite = new Map<string, string>();
  /**
   * This server's own writes that the cache may not have seen yet, by key
   * (object undefined for a delete): reads see them at once (read-your-writes)
   * without waiting for the watch. An entry goes once the cache passes it.
   */
  readonly #recent = new Map<string, { kind: string; object: ResourceObject | undefined; modRevision: string }>();

  /** every guarded object write goes through here (group commit) */
  readonly #writer: WriteBatcher;

  constructor(private readonly deps: ObjectServerDeps) {
    this.#writer = new WriteBatcher(deps.store);
  }

  #wrote(kind: string, key: string, object: ResourceObject | undefined, revision: string): void {
    const prev = this.#lastWrite.get(kind);
    if (prev === undefined || BigInt(revision) > BigInt(prev)) this.#lastWrite.set(kind, revision);
    const cache = this.deps.cache;
    if (!cache) return;
    this.#recent.set(key, { kind, object, modRevision: revision });
    if (this.#recent.size > RECENT_PRUNE_AT) {
      for (const [k, r] of this.#recent) if (BigInt(cache.revision(r.kind)) >= BigInt(r.modRevision)) this.#recent.delete(k);
    }
  }

  /**
   * The current object at `key`: from the cache, overlaid with this server's
   * own newer writes; from the store with `fresh` or while the cache is not ready.
   */
  async #current(kind: string, key: string, fresh = false): Promise<Current> {
    const cache = this.deps.cache;
    if (!fresh && cache?.isReady(kind)) {
      const mine = this.#recent.get(key);
      if (mine) {
        if (BigInt(mine.modRevision) > BigInt(cache.revision(kind))) return { object: mine.object, modRevision: mine.object ? mine.modRevision : undefined };
        this.#recent.delete(key);
      }
      const c = cache.get(kind, key);
      return { object: c?.object, modRevision: c?.modRevision };
    }
    const kv = await this.deps.store.get(key);
    return kv ? { object: decodeObject(kv), modRevision: kv.modRevision } : { object: undefined, modRevision: undefined };
  }

  /** the kind's registry entry or INVALID_ARGUMENT listing the known kinds */
  kind(name: string): KindInfo {
    const k = lookupKind(name);
    if (!k) throw new InvalidArgumentError([{ path: 'kind', message: `unknown kind '${name}' (known: ${KINDS.map((x) => x.kind).join(', ')})` }]);
    return k;
  }

  async get(kind: string, namespace: string | undefined, name: string, opts: { signal?: AbortSignal } = {}): Promise<ResourceObject> {
    const k = this.kind(kind);
    const key = this.#key(k, namespace, name);
    opts.signal?.throwIfAborted();
    let cur = await this.#current(k.kind, key);
    // a miss may be an object another daemon created a moment ago: ask the store
    if (!cur.object) cur = await this.#current(k.kind, key, true);
    if (!cur.object) throw new NotFoundError(describe(k, namespace, name));
    return redactForRead(cur.object);
  }

  /** like get, but for in-process callers that need secrets in plain and the raw revision */
  async getInternal(kind: string, namespace: string | undefined, name: string, opts: { fresh?: boolean } = {}): Promise<ResourceObject | undefined> {
    const k = this.kind(kind);
    return (await this.#current(k.kind, this.#key(k, namespace, name), opts.fresh)).object;
  }

  async list(kind: string, q: ListQuery = {}, opts: { signal?: AbortSignal } = {}): Promise<ObjectList> {
    const k = this.kind(kind);
    const selector = parseSelector(q.labelSelector);
    const prefix = this.#prefix(k, q.namespace, q.allNamespaces);
    const limit = q.limit ?? 0;
    if (!Number.isInteger(limit) || limit < 0) throw new InvalidArgumentError([{ path: 'limit', message: 'must be a non-negative integer' }]);
    let cursor = q.continue ? decodeContinue(q.continue, prefix) : undefined;
    const cache = this.deps.cache;
    if (!cursor && !q.fresh && cache && (await cache.synced(k.kind, this.#lastWrite.get(k.kind)))) {
      const revision = cache.revision(k.kind);
      const items: ResourceObject[] = [];
      let lastKey: string | undefined;
      let more = false;
      for (const c of cache.list(k.kind, prefix)) {
        if (selector && !matchesSelector(selector, c.object.metadata.labels ?? {})) continue;
        if (limit !== 0 && items.length >= limit) {
          more = true;
          break;
        }
        items.push(redactForRead(c.object));
        lastKey = c.key;
      }
      // later pages read the store at the revision of this one
      return { items, resourceVersion: revision, continue: more && lastKey ? encodeContinue(revision, lastKey) : '' };
    }
    const items: ResourceObject[] = [];
    let revision = cursor?.revision;
    let lastKey = cursor?.after;
    let more = true;
    while (more && (limit === 0 || items.length < limit)) {
      let page;
      try {
        page = await this.deps.store.list(prefix, {
          revision,
          startAfter: lastKey,
          limit: limit === 0 ? 500 : Math.max(limit - items.length, 50),
          signal: opts.signal,
        });
      } catch (err) {
        if (err instanceof CompactedError && cursor) {
          throw new CompactedError(err.requested, err.compactRevision, { cause: err });
        }
        throw err;
      }
      revision = page.revision;
      more = page.more;
      for (const kv of page.items) {
        if (limit !== 0 && items.length >= limit) {
          more = true;
          break;
        }
        lastKey = kv.key;
        if (!isDirectChild(kv.key)) continue;
        const obj = decodeObject(kv);
        if (selector && !matchesSelector(selector, obj.metadata.labels ?? {})) continue;
        items.push(redactForRead(obj));
      }
      cursor = undefined;
    }
    return {
      items,
      resourceVersion: revision ?? (await this.deps.store.revision(opts)),
      continue: more && lastKey !== undefined ? encodeContinue(revision!, lastKey) : '',
    };
  }

  /**
   * Creates or updates from user input. `raw` is validated here. User input
   * never sets status: on update the stored status is kept; on create the
   * kind's initial status is used. `status` is for in-process system callers
   * (Node registration) and is validated against the kind's status schema.
   */
  async apply(
    raw: unknown,
    opts: { dryRun?: boolean; status?: unknown; source?: { file?: string; document?: number } } = {},
  ): Promise<{ object: ResourceObject; result: ApplyResult }> {
    const input = validateObject(raw, { source: opts.source });
    const k = this.kind(input.kind);
    const ns = k.namespaced ? (input.metadata.namespace ?? 'default') : undefined;
    const key = this.#key(k, ns, input.metadata.name);
    const precondition = input.metadata.resourceVersion || undefined;
    const systemStatus = opts.status === undefined ? undefined : validateStatus(k.kind, opts.status);
    for (let attempt = 0; ; attempt++) {
      // the first attempt starts from the cache; a conflict means it was stale, so retries read the store
      const fresh = attempt > 0;
      const nsGuard = ns !== undefined ? await this.#namespaceGuard(ns, fresh) : undefined;
      const current = await this.#current(k.kind, key, fresh);
      if (precondition !== undefined) {
        if (!current.object) {
          if (!fresh) continue;
          throw new NotFoundError(`${describe(k, ns, input.metadata.name)} (resourceVersion ${precondition} given)`);
        }
        if (current.modRevision !== precondition) {
          if (!fresh) continue;
          throw new RevisionConflictError(key, precondition, `${describe(k, ns, input.metadata.name)} is at resourceVersion ${current.modRevision}, not ${precondition}`);
        }
      }
      const now = new Date(this.deps.clock.now()).toISOString();
      let next: ResourceObject;
      let result: ApplyResult;
      if (!current.object) {
        next = {
          apiVersion: input.apiVersion,
          kind: k.kind,
          metadata: {
            name: input.metadata.name,
            ...(ns !== undefined ? { namespace: ns } : {}),
            labels: input.metadata.labels ?? {},
            annotations: input.metadata.annotations ?? {},
            uuid: randomUUID(),
            generation: 1,
            createdAt: now,
            updatedAt: now,
          },
          spec: mergeRedacted(k.kind, input.spec, undefined),
          ...(systemStatus !== undefined ? { status: systemStatus } : initialStatus(k.kind)),
        };
        result = 'created';
      } else {
        const prev = current.object;
        const spec = mergeRedacted(k.kind, input.spec, prev.spec);
        const specChanged = !specEqual(spec, prev.spec);
        const labels = input.metadata.labels ?? {};
        const annotations = input.metadata.annotations ?? {};
        const metaChanged = !specEqual(labels, prev.metadata.labels ?? {}) || !specEqual(annotations, prev.metadata.annotations ?? {});
        const statusChanged = systemStatus !== undefined && !specEqual(systemStatus, prev.status);
        if (!specChanged && !metaChanged && !statusChanged) return { object: redactForRead(prev), result: 'unchanged' };
        next = {
          ...prev,
          metadata: {
            ...prev.metadata,
            labels,
            annotations,
            generation: (prev.metadata.generation ?? 1) + (specChanged ? 1 : 0),
            updatedAt: now,
          },
          spec,
          ...(systemStatus !== undefined ? { status: systemStatus } : {}),
        };
        result = 'configured';
      }
      if (opts.dryRun) return { object: redactForRead({ ...next, metadata: { ...next.metadata, resourceVersion: current.modRevision } }), result };
      const compares: Compare[] = [{ key, target: 'modRevision', op: '=', value: current.modRevision ?? '0' }];
      if (nsGuard) compares.push(nsGuard);
      const res = await this.#writer.submit({ compares, ops: [{ type: 'put', key, value: encodeObject(next) }] });
      if (res.succeeded) {
        const stored = { ...next, metadata: { ...next.metadata, resourceVersion: res.revision } };
        this.#wrote(k.kind, key, stored, res.revision);
        return { object: redactForRead(stored), result };
      }
      if (precondition !== undefined && fresh) {
        throw new RevisionConflictError(key, precondition, `${describe(k, ns, input.metadata.name)} changed while applying`);
      }
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new RevisionConflictError(key, current.modRevision ?? '0', `${describe(k, ns, input.metadata.name)} keeps changing; try again`);
      }
    }
  }

  /**
   * Resolves when an object of one of `kinds` may have changed (see
   * ObjectCache.changed); without a cache, after `fallbackMs`. Rejects with
   * the signal's reason when aborted.
   */
  changed(kinds: readonly string[], signal: AbortSignal, fallbackMs = 2_000): Promise<void> {
    const cache = this.deps.cache;
    if (!cache) return this.deps.clock.sleep(fallbackMs, signal);
    for (const k of kinds) this.kind(k);
    return cache.changed(kinds, signal);
  }

  /**
   * Writes an object's status (system callers only). `mutate` gets the
   * current object and returns the new status; retried on conflicts. `guard`
   * adds compares (e.g. a leader's fencing compare). Returns undefined when
   * the object does not exist.
   */
  async updateStatus(
    kind: string,
    namespace: string | undefined,
    name: string,
    mutate: (current: ResourceObject) => unknown,
    opts: { guard?: readonly Compare[] } = {},
  ): Promise<ResourceObject | undefined> {
    const k = this.kind(kind);
    const key = this.#key(k, namespace, name);
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const cur = await this.#current(k.kind, key, attempt > 0);
      if (!cur.object) {
        if (attempt === 0) continue;
        return undefined;
      }
      const current = cur.object;
      const status = validateStatus(k.kind, mutate(current));
      if (specEqual(status, current.status)) return current;
      const next = { ...current, status };
      const res = await this.#writer.submit({
        compares: [{ key, target: 'modRevision', op: '=', value: cur.modRevision! }, ...(opts.guard ?? [])],
        ops: [{ type: 'put', key, value: encodeObject(next) }],
      });
      if (res.succeeded) {
        const stored = { ...next, metadata: { ...next.metadata, resourceVersion: res.revision } };
        this.#wrote(k.kind, key, stored, res.revision);
        return stored;
      }
      if (opts.guard && opts.guard.length > 0) {
        const still = await this.deps.store.txn({ compares: [...opts.guard], success: [], failure: [] });
        if (!still.succeeded) throw new FailedPreconditionError('status write refused: guard no longer holds (leadership lost)');
      }
    }
    throw new RevisionConflictError(key, '?', `${describe(k, namespace, name)} keeps changing; status not written`);
  }

  /**
   * A system write of several things in one txn (controllers): the status of
   * `update.object` (as read, with its resourceVersion, which must still be
   * current), new objects to create (user-shaped input, validated; they must
   * not exist yet), and raw store ops. All or nothing; resolves false when a
   * revision or `guard` compare failed (read again and decide again).
   */
  async systemCommit(req: {
    update?: { object: ResourceObject; status: unknown };
    create?: readonly unknown[];
    ops?: readonly TxnOp[];
    guard?: readonly Compare[];
  }): Promise<{ succeeded: boolean; revision: string }> {
    const compares: Compare[] = [...(req.guard ?? [])];
    const ops: TxnOp[] = [...(req.ops ?? [])];
    const written: { kind: string; key: string; object: ResourceObject }[] = [];
    const now = new Date(this.deps.clock.now()).toISOString();
    if (req.update) {
      const { object, status } = req.update;
      const k = this.kind(object.kind);
      const key = this.#key(k, object.metadata.namespace, object.metadata.name);
      const next = { ...object, status: validateStatus(k.kind, status) };
      compares.push({ key, target: 'modRevision', op: '=', value: object.metadata.resourceVersion ?? '0' });
      ops.push({ type: 'put', key, value: encodeObject(next) });
      written.push({ kind: k.kind, key, object: next });
    }
    for (const raw of req.create ?? []) {
      const input = validateObject(raw);
      const k = this.kind(input.kind);
      const ns = k.namespaced ? (input.metadata.namespace ?? 'default') : undefined;
      const key = this.#key(k, ns, input.metadata.name);
      const created: ResourceObject = {
        apiVersion: input.apiVersion,
        kind: k.kind,
        metadata: {
          name: input.metadata.name,
          ...(ns !== undefined ? { namespace: ns } : {}),
          labels: input.metadata.labels ?? {},
          annotations: input.metadata.annotations ?? {},
          uuid: randomUUID(),
          generation: 1,
          createdAt: now,
          updatedAt: now,
        },
        spec: input.spec,
        ...initialStatus(k.kind),
      };
      compares.push({ key, target: 'modRevision', op: '=', value: '0' });
      ops.push({ type: 'put', key, value: encodeObject(created) });
      written.push({ kind: k.kind, key, object: created });
    }
    const res = await this.deps.store.txn({ compares, success: ops });
    if (res.succeeded) {
      for (const w of written) this.#wrote(w.kind, w.key, { ...w.object, metadata: { ...w.object.metadata, resourceVersion: res.revision } }, res.revision);
    }
    return { succeeded: res.succeeded, revision: res.revision };
  }

  async delete(
    kind: string,
    namespace: string | undefined,
    name: string,
    opts: { resourceVersion?: string } = {},
  ): Promise<{ resourceVersion: string; object: ResourceObject }> {
    const k = this.kind(kind);
    const ns = k.namespaced ? (namespace || 'default') : undefined;
    if (k.kind === 'Namespace') return this.#deleteNamespace(name, opts.resourceVersion);
    const key = this.#key(k, ns, name);
    for (let attempt = 0; ; attempt++) {
      const fresh = attempt > 0;
      const cur = await this.#current(k.kind, key, fresh);
      if (!cur.object) {
        if (!fresh) continue;
        throw new NotFoundError(describe(k, ns, name));
      }
      if (opts.resourceVersion && opts.resourceVersion !== cur.modRevision) {
        if (!fresh) continue;
        throw new RevisionConflictError(key, opts.resourceVersion, `${describe(k, ns, name)} is at resourceVersion ${cur.modRevision}, not ${opts.resourceVersion}`);
      }
      const res = await this.#writer.submit({
        compares: [{ key, target: 'modRevision', op: '=', value: cur.modRevision! }],
        ops: [{ type: 'delete', key }],
      });
      if (res.succeeded) {
        this.#wrote(k.kind, key, undefined, res.revision);
        return { resourceVersion: res.revision, object: redactForRead(cur.object) };
      }
      if (attempt >= MAX_CONFLICT_RETRIES) throw new RevisionConflictError(key, cur.modRevision!, `${describe(k, ns, name)} keeps changing; try again`);
    }
  }

  /** Creates the built-in namespaces if missing and makes sure they are Active. */
  async ensureBuiltinNamespaces(): Promise<void> {
    for (const name of BUILTIN_NAMESPACES) {
      try {
        await this.apply({ apiVersion: 'flotilla/v1alpha1', kind: 'Namespace', metadata: { name }, spec: {} });
      } catch (err) {
        if (!isFlotillaError(err, 'ABORTED')) throw err;
      }
      await this.updateStatus('Namespace', undefined, name, () => ({ phase: 'Active' }));
    }
  }

  /**
   * Changes of one kind as an AsyncIterable (see WatchQuery). A compacted
   * start revision, or a store watch that fell behind compaction, yields
   * RESYNC, then every current object as ADDED, then BOOKMARK, then changes.
   */
  async *watch(kind: string, q: WatchQuery): AsyncGenerator<ObjectWatchEvent> {
    const k = this.kind(kind);
    const selector = parseSelector(q.labelSelector);
    const prefix = q.name !== undefined ? this.#key(k, q.namespace, q.name) : this.#prefix(k, q.namespace, q.allNamespaces);
    const exactKey = q.name !== undefined ? prefix : undefined;
    const matches = (obj: ResourceObject | undefined) =>
      obj !== undefined && (!selector || matchesSelector(selector, obj.metadata.labels ?? {}));
    let from: string | undefined = q.resourceVersion;
    if (from !== undefined && !/^\d+$/.test(from)) {
      throw new InvalidArgumentError([{ path: 'resourceVersion', message: `'${from}' is not a revision` }]);
    }
    let resync = false;
    // our own controller, so leaving this generator always ends the store watch
    const stop = new AbortController();
    const signal = AbortSignal.any([q.signal, stop.signal]);
    try {
    while (!signal.aborted) {
      if (from === undefined || resync) {
        if (resync) yield { type: 'RESYNC', resourceVersion: from ?? '0' };
        const snapshot = await this.#listAll(prefix, exactKey);
        for (const obj of snapshot.items) if (matches(obj)) yield { type: 'ADDED', object: redactForRead(obj), resourceVersion: obj.metadata.resourceVersion! };
        from = snapshot.revision;
        yield { type: 'BOOKMARK', resourceVersion: from };
        resync = false;
      }
      let last = from;
      try {
        const events = this.deps.store.watch(prefix, {
          signal,
          fromRevision: (BigInt(from) + 1n).toString(),
          prevValues: true,
          bookmarkIntervalMs: q.bookmarkIntervalMs,
        });
        const idleMs = q.bookmarkIntervalMs ? Math.round(q.bookmarkIntervalMs * 1.5) : undefined;
        for await (const ev of withIdleBookmarks(events, idleMs, this.deps.clock, signal)) {
          if (ev.type === 'idle') {
            yield { type: 'BOOKMARK', resourceVersion: last };
            continue;
          }
          if (ev.type === 'bookmark') {
            last = maxRevision(last, ev.revision);
            yield { type: 'BOOKMARK', resourceVersion: last };
            continue;
          }
          last = ev.revision;
          if (exactKey !== undefined ? ev.key !== exactKey : !isDirectChild(ev.key)) continue;
          const prev = ev.prevValue ? safeDecode(ev.key, ev.prevValue, ev.revision, this.deps.log) : undefined;
          if (ev.type === 'delete') {
            if (matches(prev)) yield { type: 'DELETED', object: redactForRead({ ...prev!, metadata: { ...prev!.metadata, resourceVersion: ev.revision } }), resourceVersion: ev.revision };
            continue;
          }
          const obj = safeDecode(ev.key, ev.value, ev.revision, this.deps.log);
          if (!obj) continue;
          const now = matches(obj);
          const before = matches(prev);
          if (now && !before) yield { type: 'ADDED', object: redactForRead(obj), resourceVersion: ev.revision };
          else if (now && before) yield { type: 'MODIFIED', object: redactForRead(obj), resourceVersion: ev.revision };
          else if (!now && before) yield { type: 'DELETED', object: redactForRead(obj), resourceVersion: ev.revision };
        }
        return;
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof CompactedError) {
          this.deps.log.info({ kind: k.kind, from: last }, 'watch revision compacted; resyncing');
          from = last;
          resync = true;
          continue;
        }
        throw err;
      }
    }
    } finally {
      stop.abort();
    }
  }

  async #listAll(prefix: string, exactKey: string | undefined): Promise<{ items: ResourceObject[]; revision: string }> {
    if (exactKey !== undefined) {
      const revision = await this.deps.store.revision();
      const kv = await this.deps.store.get(exactKey, { revision });
      return { items: kv ? [decodeObject(kv)] : [], revision };
    }
    const items: ResourceObject[] = [];
    let revision: string | undefined;
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.store.list(prefix, { revision, startAfter: after, limit: 500 });
      revision = page.revision;
      for (const kv of page.items) if (isDirectChild(kv.key)) items.push(decodeObject(kv));
      if (!page.more || page.items.length === 0) break;
      after = page.items[page.items.length - 1].key;
    }
    return { items, revision };
  }

  /** A compare that holds while the namespace exists and is not Terminating. */
  async #namespaceGuard(ns: string, fresh: boolean): Promise<Compare> {
    const key = objectKey('Namespace', undefined, ns);
    let cur = await this.#current('Namespace', key, fresh);
    // a namespace another daemon just created may not be in our cache yet
    if (!cur.object && !fresh) cur = await this.#current('Namespace', key, true);
    if (!cur.object) throw new NotFoundError(`metadata.namespace: namespace '${ns}'`);
    if ((cur.object.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      throw new FailedPreconditionError(`metadata.namespace: namespace '${ns}' is being deleted`);
    }
    return { key, target: 'modRevision', op: '=', value: cur.modRevision! };
  }

  /**
   * Deleting a namespace that still holds objects is refused. Protocol: mark
   * it Terminating (new objects are then refused by #namespaceGuard), count
   * what it holds, then delete it or put it back to Active. A crash in between
   * leaves it Terminating; deleting it again finishes or reverts the job.
   */
  async #deleteNamespace(name: string, resourceVersion: string | undefined): Promise<{ resourceVersion: string; object: ResourceObject }> {
    if ((BUILTIN_NAMESPACES as readonly string[]).includes(name)) {
      throw new FailedPreconditionError(`namespace '${name}' is built in and cannot be deleted`);
    }
    const key = objectKey('Namespace', undefined, name);
    const kv = await this.deps.store.get(key);
    if (!kv) throw new NotFoundError(`namespace '${name}'`);
    if (resourceVersion && resourceVersion !== kv.modRevision) {
      throw new RevisionConflictError(key, resourceVersion, `namespace '${name}' is at resourceVersion ${kv.modRevision}, not ${resourceVersion}`);
    }
    const obj = decodeObject(kv);
    const terminating = { ...obj, status: { ...(obj.status as object), phase: 'Terminating' } };
    const marked = await this.deps.store.txn({
      compares: [{ key, target: 'modRevision', op: '=', value: kv.modRevision }],
      success: [{ type: 'put', key, value: encodeObject(terminating) }],
    });
    if (!marked.succeeded) throw new RevisionConflictError(key, kv.modRevision, `namespace '${name}' changed while deleting; try again`);
    this.#wrote('Namespace', key, { ...terminating, metadata: { ...terminating.metadata, resourceVersion: marked.revision } }, marked.revision);
    const held: string[] = [];
    for (const k of KINDS) {
      if (!k.namespaced) continue;
      const page = await this.deps.store.list(objectPrefix(k.kind, name), { limit: NAMESPACE_SCAN_LIMIT });
      const n = page.items.filter((x) => isDirectChild(x.key)).length;
      if (n > 0) held.push(`${n}${page.more ? '+' : ''} ${n === 1 ? k.kind : k.plural}`);
    }
    if (held.length > 0) {
      const active = { ...obj, status: { ...(obj.status as object), phase: 'Active' } };
      const reverted = await this.deps.store.txn({
        compares: [{ key, target: 'modRevision', op: '=', value: marked.revision }],
        success: [{ type: 'put', key, value: encodeObject(active) }],
      });
      if (reverted.succeeded) this.#wrote('Namespace', key, { ...active, metadata: { ...active.metadata, resourceVersion: reverted.revision } }, reverted.revision);
      throw new FailedPreconditionError(`namespace '${name}' still holds ${held.join(', ')}; delete them first`);
    }
    const ops: TxnOp[] = [{ type: 'delete', key }];
    const res = await this.deps.store.txn({ compares: [{ key, target: 'modRevision', op: '=', value: marked.revision }], success: ops });
    if (!res.succeeded) throw new RevisionConflictError(key, marked.revision, `namespace '${name}' changed while deleting; try again`);
    this.#wrote('Namespace', key, undefined, res.revision);
    return { resourceVersion: res.revision, object: terminating };
  }

  #key(k: KindInfo, namespace: string | undefined, name: string): string {
    checkName(name);
    return objectKey(k.kind, k.namespaced ? checkNamespace(namespace || 'default') : undefined, name);
  }

  #prefix(k: KindInfo, namespace: string | undefined, all: boolean | undefined): string {
    if (!k.namespaced) return objectPrefix(k.kind, undefined);
    return all ? objectPrefix(k.kind, undefined, true) : objectPrefix(k.kind, checkNamespace(namespace || 'default'));
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function checkName(name: string): void {
  if (!DNS_LABEL.test(name)) {
    throw new InvalidArgumentError([{ path: 'metadata.name', message: `'${name}' is not a valid name (lower-case DNS label: a-z, 0-9, '-', at most 63)` }]);
  }
}

function checkNamespace(ns: string): string {
  if (!DNS_LABEL.test(ns)) {
    throw new InvalidArgumentError([{ path: 'metadata.namespace', message: `'${ns}' is not a valid namespace (lower-case DNS label)` }]);
  }
  return ns;
}

function describe(k: KindInfo, ns: string | undefined, name: string): string {
  return ns !== undefined ? `${k.kind} '${ns}/${name}'` : `${k.kind} '${name}'`;
}

/** object keys only (a prefix list of one kind never returns other key shapes, but stay strict) */
function isDirectChild(key: string): boolean {
  return parseObjectKey(key) !== undefined;
}

function parseSelector(s: string | undefined): LabelSelector | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  return parseLabelSelector(s);
}

function safeDecode(key: string, value: Uint8Array, revision: string, log: Logger): ResourceObject | undefined {
  try {
    return decodeObject({ key, value, modRevision: revision, createRevision: revision, version: 1 } as KeyValue);
  } catch (err) {
    log.warn({ err, key }, 'undecodable stored object skipped');
    return undefined;
  }
}

/** status a new object starts with when the system gave none */
function initialStatus(kind: string): { status?: unknown } {
  return kind === 'Namespace' ? { status: { phase: 'Active' } } : {};
}

function maxRevision(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

function encodeContinue(revision: string, after: string): string {
  return Buffer.from(JSON.stringify({ r: revision, a: after })).toString('base64url');
}

function decodeContinue(token: string, prefix: string): { revision: string; after: string } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { r?: unknown; a?: unknown };
    if (typeof v.r === 'string' && /^\d+$/.test(v.r) && typeof v.a === 'string' && v.a.startsWith(prefix)) return { revision: v.r, after: v.a };
  } catch {
    // fall through
  }
  throw new InvalidArgumentError([{ path: 'continue', message: 'is not a continue token from this list' }]);
}

type Tick<T> = T | { type: 'idle' };

/**
 * Passes events through and adds an { type: 'idle' } tick after every
 * `intervalMs` without one, so the caller can send bookmarks on a quiet watch.
 */
async function* withIdleBookmarks<T>(
  source: AsyncIterable<T>,
  intervalMs: number | undefined,
  clock: Clock,
  signal: AbortSignal,
): AsyncGenerator<Tick<T>> {
  const it = source[Symbol.asyncIterator]();
  if (!intervalMs) {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  let pending: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      pending ??= it.next();
      let timer: { cancel(): void } | undefined;
      const idle = new Promise<'idle'>((resolve) => (timer = clock.setTimer(intervalMs, () => resolve('idle'))));
      const r = await Promise.race([pending, idle]);
      timer?.cancel();
      if (r === 'idle') {
        if (signal.aborted) return;
        yield { type: 'idle' };
        continue;
      }
      pending = undefined;
      if (r.done) return;
      yield r.value;
    }
  } finally {
    // the caller aborts the source's signal, which ends a pending next()
    it.return?.().catch(() => undefined);
  }
}
