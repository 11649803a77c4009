// Original file: proto/flotilla/v1alpha1/node.proto

import type { Node as _flotilla_v1alpha1_Node, Node__Output as _flotilla_v1alpha1_Node__Output } from '../../flotilla/v1alpha1/Node.js';
import type { ApplyResult as _flotilla_v1alpha1_ApplyResult, ApplyResult__Output as _flotilla_v1alpha1_ApplyResult__Output } from '../../flotilla/v1alpha1/ApplyResult.js';

export interface ApplyNodeResponse {
  'object'?: (_flotilla_v1alpha1_Node | null);
  'result'?: (_flotilla_v1alpha1_ApplyResult);
}

export interface ApplyNodeResponse__Output {
  'object': (_flotilla_v1alpha1_Node__Output | null);
  'result': (_flotilla_v1alpha1_ApplyResult__Output);
}
