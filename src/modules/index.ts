// The modules' public surface: the contract (module.ts), the registry, the
// three built-in modules and their factories (for injected clocks and
// package managers), and the pieces other folders may reuse (unified file
// diffs). The executor in agent/ drives parse -> check -> apply through this.

export type { Change, ConditionEvaluator, Module, ModuleContext, ModuleKind, ModuleSettings, Plan, Result } from './module.js';
export { createRegistry, defaultModules, type AnyModule, type ModuleChoice, type ModuleRegistry } from './registry.js';
export {
  createFileModule,
  fileModule,
  DEFAULT_DIR_MODE,
  DEFAULT_FILE_MODE,
  FILE_STATES,
  type FileModuleOptions,
  type FileParams,
  type FilePlanData,
  type FileState,
} from './file.js';
export { ProcessJournal } from './process-journal.js';
export { childEnv, runProcess, SHELL, type ProcessOutcome, type RunProcessOptions } from './process.js';
export { droppedMarker } from './output-tail.js';
export { fileDiff, MAX_DIFF_BYTES } from './file-diff.js';
export { commandModule, createCommandModule, DEFAULT_MAX_OUTPUT_BYTES, type CommandModuleOptions, type CommandParams, type CommandPlanData } from './command.js';
export {
  createPackageModule,
  packageModule,
  PACKAGE_MANAGER_CHOICES,
  PACKAGE_STATES,
  type PackageModuleOptions,
  type PackageParams,
  type PackagePlanData,
  type PackageState,
} from './package.js';
export type { ManagerName, PackageInfo, PackageManager, PackageTarget, TransactionOutcome } from './package-managers/manager.js';
