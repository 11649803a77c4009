// Original file: proto/flotilla/v1alpha1/runs.proto

import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';

export interface StartRunRequest {
  /**
   * The TaskBook to run, in `namespace` (default "default").
   */
  'task_book'?: (string);
  'namespace'?: (string);
  /**
   * Variables with the highest precedence (flotctl run --set k=v).
   */
  'set'?: (_google_protobuf_Struct | null);
  /**
   * Run only on these of the targeted nodes.
   */
  'nodes'?: (string)[];
  /**
   * Report what would change without changing anything.
   */
  'check'?: (boolean);
  /**
   * Show unified diffs of files.
   */
  'diff'?: (boolean);
  /**
   * The Run's name; generated from the TaskBook's name when empty.
   */
  'name'?: (string);
}

export interface StartRunRequest__Output {
  /**
   * The TaskBook to run, in `namespace` (default "default").
   */
  'task_book': (string);
  'namespace': (string);
  /**
   * Variables with the highest precedence (flotctl run --set k=v).
   */
  'set': (_google_protobuf_Struct__Output | null);
  /**
   * Run only on these of the targeted nodes.
   */
  'nodes': (string)[];
  /**
   * Report what would change without changing anything.
   */
  'check': (boolean);
  /**
   * Show unified diffs of files.
   */
  'diff': (boolean);
  /**
   * The Run's name; generated from the TaskBook's name when empty.
   */
  'name': (string);
}
