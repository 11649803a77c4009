// templates/: the single handlebars instance (TemplateEngine) with its
// helpers and limits, the template context, secrets in templates, and
// variable precedence. Other folders import only from here; handlebars is
// imported nowhere else.

export {
  FALSY_TEXT,
  TemplateEngine,
  type RenderOptions,
  type RenderValueOptions,
  type TemplateEngineOptions,
  type TemplateEngineStats,
} from './engine.js';
export { HELPERS, HELPER_NAMES, MAX_RANGE, type HelperSpec } from './helpers.js';
export { partialNameProblem } from './compiler.js';
export { REDACTED, SecretValue, isSecretValue, redactSecrets } from './secret-value.js';
export {
  UNRESOLVED_VARS,
  templateContext,
  templateNode,
  type TemplateContext,
  type TemplateContextInput,
  type TemplateNode,
  type TemplateSecrets,
} from './context.js';
export {
  VariableCycleError,
  boundClusterVariables,
  resolveVariables,
  type ClusterVariableBindingObject,
  type ResolveVariablesInput,
  type ResolvedVariables,
  type VariableConflict,
  type VariableObject,
  type VariableTemplateEngine,
} from './variables.js';
