// Beacon: a check each selected node runs on an interval (command exit code,
// file changed, service active, disk usage, HTTP probe, process present). A
// result is emitted as an Event (involvedObject: the Beacon; type Warning when
// the check fails, Normal when it passes), on each change of result or every
// time. Running checks is the agent's job (scheduler/beacon.ts); Triggers
// react to the Events.

import {
  bool,
  dnsLabelProblem,
  duration,
  durationMs,
  enumOf,
  int,
  map,
  object,
  optional,
  required,
  string,
  timestamp,
  type Schema,
} from '../schema.js';
import { reasonSchema, targetsSchema, type Targets } from './common.js';
import type { ClusterConfig } from './config.js';

export interface CommandCheck {
  /** shell command line, run by /bin/sh -c */
  cmd: string;
}
export interface FileCheck {
  /** absolute path */
  path: string;
}
export interface ServiceCheck {
  /** systemd unit name, e.g. nginx.service */
  name: string;
}
export interface DiskCheck {
  /** any path on the filesystem to watch; default '/' */
  path?: string;
  /** fails above this usage, 1..100 */
  maxUsedPercent: number;
}
export interface HttpCheck {
  /** http:// or https:// URL fetched with GET */
  url: string;
  /** status that counts as passing; default 200 */
  expectStatus?: number;
}
export interface ProcessCheck {
  /** process name (comm), matched exactly */
  name: string;
}

/** Exactly one kind of check. */
export interface BeaconCheck {
  /** passes when the command exits 0 */
  command?: CommandCheck;
  /** result is the file's content hash and mode (absent counts too): useful with emit OnChange */
  file?: FileCheck;
  /** passes when the systemd unit is active */
  service?: ServiceCheck;
  /** passes while the filesystem holding `path` is at most maxUsedPercent full */
  disk?: DiskCheck;
  /** passes when a GET of url answers expectStatus */
  http?: HttpCheck;
  /** passes when a process with this name runs */
  process?: ProcessCheck;
}

export const EMIT_MODES = ['OnChange', 'Always'] as const;
export type EmitMode = (typeof EMIT_MODES)[number];

export interface BeaconSpec {
  /** the nodes that run the check */
  targets: Targets;
  /** time between checks; default '1m', at least '1s' */
  interval?: string;
  /** limit of one check; default '10s'; must not exceed interval */
  timeout?: string;
  check: BeaconCheck;
  /** OnChange (edge-triggered: only when the result differs from the last) or Always; default OnChange */
  emit?: EmitMode;
  /** reason of the emitted Events, which Triggers match on; default BeaconCheck */
  reason?: string;
}

export interface BeaconNodeResult {
  /** whether the check passed */
  passed: boolean;
  /** when the result last changed (RFC 3339) */
  since: string;
  /** when the check last ran (RFC 3339) */
  checkedAt?: string;
  /** what the check saw, e.g. `exit code 1`, `disk 91% used` */
  message?: string;
}

export interface BeaconStatus {
  /** last result per node name */
  nodes?: Record<string, BeaconNodeResult>;
}

const DEFAULT_INTERVAL = '1m';

const absolutePath = (): Schema<string> =>
  string({ maxLength: 4096, check: (s) => (s.startsWith('/') ? undefined : `must be an absolute path (got '${s}')`) });

const httpUrl = (): Schema<string> =>
  string({
    maxLength: 2048,
    check(s) {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'must be an http:// or https:// URL';
      } catch {
        return `must be an http:// or https:// URL (got '${s}')`;
      }
    },
  });

export const beaconSpecSchema = object<BeaconSpec>(
  {
    targets: required(targetsSchema),
    interval: optional(duration({ min: '1s', max: '7d' })),
    timeout: optional(duration({ min: '10ms', max: '1h' })),
    check: required(
      object<BeaconCheck>(
        {
          command: optional(object<CommandCheck>({ cmd: required(string({ maxLength: 65_536 })) })),
          file: optional(object<FileCheck>({ path: required(absolutePath()) })),
          service: optional(
            object<ServiceCheck>({ name: required(string({ maxLength: 256, pattern: /^[A-Za-z0-9:_.@\\-]+$/, patternMessage: 'must be a systemd unit name' })) }),
          ),
          disk: optional(
            object<DiskCheck>({
              path: optional(absolutePath()),
              maxUsedPercent: required(int({ min: 1, max: 100, message: 'must be an integer from 1 to 100' })),
            }),
          ),
          http: optional(object<HttpCheck>({ url: required(httpUrl()), expectStatus: optional(int({ min: 100, max: 599 })) })),
          process: optional(object<ProcessCheck>({ name: required(string({ maxLength: 256 })) })),
        },
        { exactlyOne: [['command', 'file', 'service', 'disk', 'http', 'process']] },
      ),
    ),
    emit: optional(enumOf(EMIT_MODES)),
    reason: optional(reasonSchema()),
  },
  {
    refine(b, { path, issues, clean }) {
      if (!clean || b.timeout === undefined) return;
      const t = durationMs(b.timeout);
      const i = durationMs(b.interval ?? DEFAULT_INTERVAL);
      if (t > i) issues.add([...path, 'timeout'], `must not exceed interval (${b.interval ?? DEFAULT_INTERVAL})`);
    },
  },
);

export const beaconStatusSchema = object<BeaconStatus>({
  nodes: optional(
    map(
      object<BeaconNodeResult>({
        passed: required(bool()),
        since: required(timestamp()),
        checkedAt: optional(timestamp()),
        message: optional(string({ minLength: 0, maxLength: 4096 })),
      }),
      { key: (k) => dnsLabelProblem(k, 'node name') },
    ),
  ),
});


export interface DefaultedBeaconSpec {
  targets: Targets;
  interval: string;
  timeout: string;
  check: BeaconCheck;
  emit: EmitMode;
  reason: string;
}

export function withDefaults(spec: BeaconSpec, _cluster?: ClusterConfig): DefaultedBeaconSpec {
  const interval = spec.interval ?? DEFAULT_INTERVAL;
  const check: BeaconCheck = spec.check.disk ? { disk: { path: '/', ...spec.check.disk } } : spec.check.http ? { http: { expectStatus: 200, ...spec.check.http } } : spec.check;
  return {
    targets: spec.targets,
    interval,
    timeout: spec.timeout ?? (durationMs(interval) < 10_000 ? interval : '10s'),
    check,
    emit: spec.emit ?? 'OnChange',
    reason: spec.reason ?? 'BeaconCheck',
  };
}
