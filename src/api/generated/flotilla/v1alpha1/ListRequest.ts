// Original file: proto/flotilla/v1alpha1/common.proto


export interface ListRequest {
  /**
   * Empty: "default" for namespaced kinds. Ignored for cluster-scoped kinds.
   */
  'namespace'?: (string);
  'all_namespaces'?: (boolean);
  /**
   * Kubernetes-style selector: a=b,c!=d,e in (x,y),f notin (z),g,!h
   */
  'label_selector'?: (string);
  /**
   * Page size; 0 means no limit.
   */
  'limit'?: (number);
  /**
   * Opaque cursor from a previous page; the next page reads the same revision.
   */
  'continue'?: (string);
}

export interface ListRequest__Output {
  /**
   * Empty: "default" for namespaced kinds. Ignored for cluster-scoped kinds.
   */
  'namespace': (string);
  'all_namespaces': (boolean);
  /**
   * Kubernetes-style selector: a=b,c!=d,e in (x,y),f notin (z),g,!h
   */
  'label_selector': (string);
  /**
   * Page size; 0 means no limit.
   */
  'limit': (number);
  /**
   * Opaque cursor from a previous page; the next page reads the same revision.
   */
  'continue': (string);
}
