// Original file: proto/flotilla/v1alpha1/common.proto


export interface WatchRequest {
  'namespace'?: (string);
  'all_namespaces'?: (boolean);
  'label_selector'?: (string);
  /**
   * Stream changes after this revision. Empty: first send every current
   * object as ADDED, then a BOOKMARK, then changes. A compacted revision is
   * answered with RESYNC (see WatchEventType).
   */
  'resource_version'?: (string);
  /**
   * Watch one object by name (optional).
   */
  'name'?: (string);
  /**
   * Seconds between BOOKMARK events while idle; 0 means the server default.
   */
  'bookmark_interval_seconds'?: (number);
}

export interface WatchRequest__Output {
  'namespace': (string);
  'all_namespaces': (boolean);
  'label_selector': (string);
  /**
   * Stream changes after this revision. Empty: first send every current
   * object as ADDED, then a BOOKMARK, then changes. A compacted revision is
   * answered with RESYNC (see WatchEventType).
   */
  'resource_version': (string);
  /**
   * Watch one object by name (optional).
   */
  'name': (string);
  /**
   * Seconds between BOOKMARK events while idle; 0 means the server default.
   */
  'bookmark_interval_seconds': (number);
}
