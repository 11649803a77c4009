// Original file: proto/flotilla/v1alpha1/common.proto

export const WatchEventType = {
  WATCH_EVENT_TYPE_UNSPECIFIED: 'WATCH_EVENT_TYPE_UNSPECIFIED',
  WATCH_EVENT_TYPE_ADDED: 'WATCH_EVENT_TYPE_ADDED',
  WATCH_EVENT_TYPE_MODIFIED: 'WATCH_EVENT_TYPE_MODIFIED',
  WATCH_EVENT_TYPE_DELETED: 'WATCH_EVENT_TYPE_DELETED',
  /**
   * No object: every change up to resource_version has been sent.
   */
  WATCH_EVENT_TYPE_BOOKMARK: 'WATCH_EVENT_TYPE_BOOKMARK',
  /**
   * The requested revision was compacted: drop what you have; the server now
   * sends every current object as ADDED, then a BOOKMARK, then changes.
   */
  WATCH_EVENT_TYPE_RESYNC: 'WATCH_EVENT_TYPE_RESYNC',
} as const;

export type WatchEventType =
  | 'WATCH_EVENT_TYPE_UNSPECIFIED'
  | 0
  | 'WATCH_EVENT_TYPE_ADDED'
  | 1
  | 'WATCH_EVENT_TYPE_MODIFIED'
  | 2
  | 'WATCH_EVENT_TYPE_DELETED'
  | 3
  /**
   * No object: every change up to resource_version has been sent.
   */
  | 'WATCH_EVENT_TYPE_BOOKMARK'
  | 4
  /**
   * The requested revision was compacted: drop what you have; the server now
   * sends every current object as ADDED, then a BOOKMARK, then changes.
   */
  | 'WATCH_EVENT_TYPE_RESYNC'
  | 5

export type WatchEventType__Output = typeof WatchEventType[keyof typeof WatchEventType]
