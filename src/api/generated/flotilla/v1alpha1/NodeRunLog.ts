// Original file: proto/flotilla/v1alpha1/runs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface NodeRunLog {
  'node'?: (string);
  /**
   * Pending, Running, Succeeded, Failed, Unreachable, Skipped, Cancelled.
   */
  'state'?: (string);
  'message'?: (string);
  /**
   * One entry per step (and handler) the node ran, oldest first: index, name,
   * phase, outcome (ok, changed, failed, skipped), message, rc, stdout and
   * stderr tails, diff, items, attempts, startedAt, durationMs.
   */
  'steps'?: (_google_protobuf_Struct)[];
}

export interface NodeRunLog__Output {
  'node': (string);
  /**
   * Pending, Running, Succeeded, Failed, Unreachable, Skipped, Cancelled.
   */
  'state': (string);
  'message': (string);
  /**
   * One entry per step (and handler) the node ran, oldest first: index, name,
   * phase, outcome (ok, changed, failed, skipped), message, rc, stdout and
   * stderr tails, diff, items, attempts, startedAt, durationMs.
   */
  'steps': (_google_protobuf_Struct__Output)[];
}
