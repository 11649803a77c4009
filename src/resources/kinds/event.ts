// Event: something that happened — a run started or failed, a beacon's
// result changed, a node went down — with a type, a reason Triggers match
// on, a message for people, its source and the object it is about. Events
// are written by the system (and may be by people); cluster-wide ones live
// in the `system` namespace. The controller expires them after Config
// events.retention; repeats of the same event may be folded into `count`.

import { randomBytes } from 'node:crypto';
import { anyJson, enumOf, int, object, optional, required, string, timestamp, type JsonValue } from '../schema.js';
import { objectName, objectRefSchema, reasonSchema, type ObjectRef } from './common.js';
import type { ClusterConfig } from './config.js';

export const EVENT_TYPES = ['Normal', 'Warning'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Who reported the Event. */
export interface EventSource {
  /** the node it happened on */
  node?: string;
  /** the subsystem that reported it: agent, controller, beacon, flotctl, ... */
  component?: string;
}

export interface EventSpec {
  type: EventType;
  /** UpperCamelCase cause, e.g. RunFailed, DiskFull, NodeDead */
  reason: string;
  /** for people; at most 4096 characters */
  message: string;
  source: EventSource;
  /** the object the Event is about */
  involvedObject?: ObjectRef;
  /** free-form details (at most 64 KiB of JSON) */
  data?: JsonValue;
  /** how many times it happened when repeats are folded together; default 1 */
  count?: number;
  /** first occurrence (RFC 3339); default the object's createdAt */
  firstAt?: string;
  /** last occurrence (RFC 3339); default firstAt */
  lastAt?: string;
}

/** Events have no status. */
export type EventStatus = Record<string, never>;

export const eventSpecSchema = object<EventSpec>(
  {
    type: required(enumOf(EVENT_TYPES)),
    reason: required(reasonSchema()),
    message: required(string({ minLength: 0, maxLength: 4096 })),
    source: required(
      object<EventSource>(
        { node: optional(objectName('node name')), component: optional(string({ maxLength: 128 })) },
        { atLeastOne: [['node', 'component']] },
      ),
    ),
    involvedObject: optional(objectRefSchema),
    data: optional(anyJson({ maxBytes: 64 * 1024, maxDepth: 16 })),
    count: optional(int({ min: 1, message: 'must be a positive integer' })),
    firstAt: optional(timestamp()),
    lastAt: optional(timestamp()),
  },
  {
    refine(e, { path, issues, clean }) {
      if (clean && e.firstAt !== undefined && e.lastAt !== undefined && Date.parse(e.lastAt) < Date.parse(e.firstAt)) {
        issues.add([...path, 'lastAt'], 'must not be before firstAt');
      }
    },
  },
);

export const eventStatusSchema = object<EventStatus>({});

export interface DefaultedEventSpec extends EventSpec {
  count: number;
}

/** count defaults to 1; firstAt / lastAt stay unset when not given (readers fall back to metadata.createdAt). */
export function withDefaults(spec: EventSpec, _cluster?: ClusterConfig): DefaultedEventSpec {
  const out: DefaultedEventSpec = { ...spec, count: spec.count ?? 1 };
  if (out.lastAt === undefined && out.firstAt !== undefined) out.lastAt = out.firstAt;
  return out;
}

/**
 * A new Event about the object named `about`, for the system to create:
 * named `<about>-<reason>-<6 hex>` (the name cut so the whole stays a DNS
 * label), so repeated events never collide; the message cut to 4096.
 */
export function newEvent(about: string, namespace: string, labels: Record<string, string>, spec: EventSpec): Record<string, unknown> {
  const base = about.slice(0, 40).replace(/-+$/, '');
  return {
    apiVersion: 'flotilla/v1alpha1',
    kind: 'Event',
    metadata: { name: `${base}-${spec.reason.toLowerCase()}-${randomBytes(3).toString('hex')}`, namespace, labels },
    spec: { ...spec, message: spec.message.slice(0, 4096) },
  };
}
