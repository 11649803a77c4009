// Runs: planning, folding node results into Run.status, the leader-only
// controller, and the run records shared with the agents.
export * from './model.js';
export { planRun, type IncludedTaskBook, type PlanInput } from './plan.js';
export { fold, type FoldInput, type FoldOutput, type RunEvent, type RunEventReason } from './fold.js';
export { loadIncludes, type GitReader } from './includes.js';
export { nodeGroupMembers, resolveTargets, type TargetNode } from './targets.js';
export { RunController, type RunControllerDeps } from './controller.js';
export { RunService, runName, type NodeRunLog, type StartRun } from './service.js';
