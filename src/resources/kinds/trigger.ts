// Trigger: starts a TaskBook when matching Events pile up — e.g. 3 DiskFull
// Warnings within 5m — optionally only inside time windows, and not again
// before a cooldown has passed. The controller evaluates Triggers
// (scheduler/trigger.ts); this file says what a valid one looks like.

import { array, duration, enumOf, int, labelsMap, object, optional, required, string, timestamp, type JsonObject } from '../schema.js';
import { objectName, reasonSchema, timeZone, varsSchema } from './common.js';
import type { ClusterConfig } from './config.js';
import { EVENT_TYPES, type EventType } from './event.js';

/** Which Events count; every given field must match (at least one is required). */
export interface EventMatch {
  /** the Event's reason, exactly */
  reason?: string;
  /** Normal or Warning */
  type?: EventType;
  /** the Event's source: each given field must equal the Event's */
  source?: { node?: string; component?: string };
  /** labels the Event's metadata must carry (key = value) */
  labels?: Record<string, string>;
}

/** How many matching Events within how long fire the Trigger. */
export interface TriggerCondition {
  /** at least this many; default 1 */
  count?: number;
  /** within this sliding window; default '5m' */
  window?: string;
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A daily window the Trigger may fire in. end before start means the window crosses midnight. */
export interface TimeWindow {
  /** days the window starts on; default every day */
  days?: Weekday[];
  /** 'HH:MM', 24-hour */
  start: string;
  /** 'HH:MM', 24-hour, exclusive */
  end: string;
  /** IANA time zone; default UTC */
  timezone?: string;
}

export const RUN_ON = ['Targets', 'EventSources'] as const;
export type RunOn = (typeof RUN_ON)[number];

export interface TriggerSpec {
  match: EventMatch;
  condition?: TriggerCondition;
  /** the TaskBook to run, in the Trigger's namespace */
  taskBook: string;
  /** passed to the Run as `set` */
  vars?: JsonObject;
  /** Targets: the TaskBook's targets; EventSources: only the nodes that emitted the matching Events; default Targets */
  runOn?: RunOn;
  /** fire only inside one of these windows; default any time */
  timeWindows?: TimeWindow[];
  /** after firing, ignore matches for this long; default '0s' */
  cooldown?: string;
}

export interface TriggerStatus {
  /** when the Trigger last fired (RFC 3339) */
  lastFiredAt?: string;
  /** the Run it last started */
  lastRun?: string;
  /** how often it has fired */
  firedCount?: number;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clockTime = () => string({ pattern: CLOCK, patternMessage: "must be a time 'HH:MM' (24-hour)" });

export const triggerSpecSchema = object<TriggerSpec>({
  match: required(
    object<EventMatch>(
      {
        reason: optional(reasonSchema()),
        type: optional(enumOf(EVENT_TYPES)),
        source: optional(
          object<{ node?: string; component?: string }>(
            { node: optional(objectName('node name')), component: optional(string({ maxLength: 128 })) },
            { atLeastOne: [['node', 'component']] },
          ),
        ),
        labels: optional(labelsMap()),
      },
      { atLeastOne: [['reason', 'type', 'source', 'labels']] },
    ),
  ),
  condition: optional(
    object<TriggerCondition>({
      count: optional(int({ min: 1, max: 1_000_000, message: 'must be a positive integer' })),
      window: optional(duration({ min: '1s', max: '30d' })),
    }),
  ),
  taskBook: required(objectName('TaskBook name')),
  vars: optional(varsSchema()),
  runOn: optional(enumOf(RUN_ON)),
  timeWindows: optional(
    array(
      object<TimeWindow>(
        {
          days: optional(array(enumOf(WEEKDAYS), { minItems: 1, unique: true })),
          start: required(clockTime()),
          end: required(clockTime()),
          timezone: optional(timeZone()),
        },
        {
          refine(w, { path, issues, clean }) {
            if (clean && w.start === w.end) issues.add([...path, 'end'], 'must differ from start');
          },
        },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  ),
  cooldown: optional(duration({ max: '30d' })),
});

export const triggerStatusSchema = object<TriggerStatus>({
  lastFiredAt: optional(timestamp()),
  lastRun: optional(objectName('Run name')),
  firedCount: optional(int({ min: 0 })),
});

export interface DefaultedTriggerSpec {
  match: EventMatch;
  condition: Required<TriggerCondition>;
  taskBook: string;
  vars: JsonObject;
  runOn: RunOn;
  /** empty: any time */
  timeWindows: Required<TimeWindow>[];
  cooldown: string;
}

export function withDefaults(spec: TriggerSpec, _cluster?: ClusterConfig): DefaultedTriggerSpec {
  return {
    match: spec.match,
    condition: { count: spec.condition?.count ?? 1, window: spec.condition?.window ?? '5m' },
    taskBook: spec.taskBook,
    vars: spec.vars ?? {},
    runOn: spec.runOn ?? 'Targets',
    timeWindows: (spec.timeWindows ?? []).map((w) => ({ days: w.days ?? [...WEEKDAYS], start: w.start, end: w.end, timezone: w.timezone ?? 'UTC' })),
    cooldown: spec.cooldown ?? '0s',
  };
}
