// Original file: proto/flotilla/v1alpha1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Metadata common to every object. Server-set fields are ignored on input,
 * except resource_version, which is an optional precondition on Apply.
 */
export interface ObjectMeta {
  'name'?: (string);
  /**
   * Empty for cluster-scoped kinds; defaults to "default" for namespaced ones.
   */
  'namespace'?: (string);
  'labels'?: ({[key: string]: string});
  'annotations'?: ({[key: string]: string});
  /**
   * Set by the daemon that created the object.
   */
  'uuid'?: (string);
  /**
   * The store revision of the last write; Apply and Delete may require it.
   */
  'resource_version'?: (string);
  /**
   * Increases by one each time the spec changes.
   */
  'generation'?: (number | string | Long);
  /**
   * RFC 3339 timestamps set by the server.
   */
  'created_at'?: (string);
  'updated_at'?: (string);
}

/**
 * Metadata common to every object. Server-set fields are ignored on input,
 * except resource_version, which is an optional precondition on Apply.
 */
export interface ObjectMeta__Output {
  'name': (string);
  /**
   * Empty for cluster-scoped kinds; defaults to "default" for namespaced ones.
   */
  'namespace': (string);
  'labels': ({[key: string]: string});
  'annotations': ({[key: string]: string});
  /**
   * Set by the daemon that created the object.
   */
  'uuid': (string);
  /**
   * The store revision of the last write; Apply and Delete may require it.
   */
  'resource_version': (string);
  /**
   * Increases by one each time the spec changes.
   */
  'generation': (string);
  /**
   * RFC 3339 timestamps set by the server.
   */
  'created_at': (string);
  'updated_at': (string);
}
