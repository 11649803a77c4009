// Original file: proto/flotilla/v1alpha1/runs.proto


export interface RunLogsRequest {
  'name'?: (string);
  'namespace'?: (string);
  /**
   * Only this node; every node when empty.
   */
  'node'?: (string);
}

export interface RunLogsRequest__Output {
  'name': (string);
  'namespace': (string);
  /**
   * Only this node; every node when empty.
   */
  'node': (string);
}
