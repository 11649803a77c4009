// TemplateFailure: what the engine's runtime pieces (lookups, output, helpers,
// partials, limits) throw while a template renders. It never leaves
// templates/: TemplateEngine turns it into an InvalidArgumentError whose
// issue path is the template's name and whose message carries the partial
// and line, e.g. `spec.steps[2].file.template: line 3: 'vars.port' is not defined`.

export class TemplateFailure extends Error {
  /** the partial the failure happened in (set by the innermost partial wrapper) */
  partial: string | undefined;

  constructor(
    message: string,
    /** 1-based line in the template (or partial) source, when known */
    readonly line: number | undefined,
    /** the path of a variable that is not defined (`vars.port`), for hints */
    readonly missing?: string,
    opts: ErrorOptions = {},
  ) {
    super(message, opts);
    this.name = 'TemplateFailure';
  }
}

/** A helper's complaint about its arguments; the helper wrapper adds the helper name and line. */
export class HelperArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelperArgumentError';
  }
}
