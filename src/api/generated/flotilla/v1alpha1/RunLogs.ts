// Original file: proto/flotilla/v1alpha1/runs.proto

import type { NodeRunLog as _flotilla_v1alpha1_NodeRunLog, NodeRunLog__Output as _flotilla_v1alpha1_NodeRunLog__Output } from '../../flotilla/v1alpha1/NodeRunLog.js';

export interface RunLogs {
  'nodes'?: (_flotilla_v1alpha1_NodeRunLog)[];
}

export interface RunLogs__Output {
  'nodes': (_flotilla_v1alpha1_NodeRunLog__Output)[];
}
