// Original file: proto/flotilla/v1alpha1/cluster.proto


export interface ClusterInfo {
  /**
   * Name of the node whose daemon is the elected leader; empty while none is.
   */
  'leader'?: (string);
  /**
   * Strictly increasing across successive leaders.
   */
  'fencing_token'?: (string);
  /**
   * Nodes whose daemon currently holds a live session in the store.
   */
  'present_nodes'?: (string)[];
  /**
   * "etcd" or "embedded".
   */
  'store_backend'?: (string);
  'revision'?: (string);
  /**
   * Version and name of the daemon that answered.
   */
  'version'?: (string);
  'node'?: (string);
}

export interface ClusterInfo__Output {
  /**
   * Name of the node whose daemon is the elected leader; empty while none is.
   */
  'leader': (string);
  /**
   * Strictly increasing across successive leaders.
   */
  'fencing_token': (string);
  /**
   * Nodes whose daemon currently holds a live session in the store.
   */
  'present_nodes': (string)[];
  /**
   * "etcd" or "embedded".
   */
  'store_backend': (string);
  'revision': (string);
  /**
   * Version and name of the daemon that answered.
   */
  'version': (string);
  'node': (string);
}
