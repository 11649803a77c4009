// YAML (and JSON) documents → validated objects, with every problem reported
// at its file, document, line and column: `web.yaml:14:13
// spec.strategy.serial: must be a positive integer or a percentage`. This is
// the only place that parses user YAML (flotctl apply, Repository syncs, git
// includes); it guards the parser against hostile input — huge files and
// documents, deep nesting, alias bombs — before and while building objects.
// Envelope and spec rules are validate.ts'.

import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { InvalidArgumentError, type FieldIssue } from '../errors.js';
import { MAX_OBJECT_BYTES, MAX_OBJECT_DEPTH, type ResourceObject } from './envelope.js';
import type { Path } from './schema.js';
import { validateObject, type Locate, type SourcePosition } from './validate.js';

// yaml is loaded on first use: flotctl commands that never parse YAML start faster
const require = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
const Y = (): typeof import('yaml') => (yamlLib ??= require('yaml') as typeof import('yaml'));

/** Largest file parseDocuments accepts, bytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Largest single document's source text, bytes (YAML is wordier than the JSON limit it must meet). */
export const MAX_DOCUMENT_BYTES = 2 * MAX_OBJECT_BYTES;
/** Most alias expansions one document may make (the yaml library's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/**
 * Bracket nesting above which the text is refused before the YAML parser
 * sees it: deep flow collections exhaust the parser's memory. Counted over
 * the raw text, so it is set well above MAX_OBJECT_DEPTH to leave room for
 * brackets inside strings.
 */
export const MAX_FLOW_NESTING = 1000;

export interface ParsedDocument {
  /** the file name given to parseDocuments */
  readonly file: string;
  /** 1-based index of the document in the file, counting empty documents */
  readonly document: number;
  /** 1-based line the document starts on */
  readonly line: number;
  readonly object: ResourceObject;
}

export interface ParseOptions {
  /** see ValidateOptions.keepSystemFields */
  readonly keepSystemFields?: boolean;
}

function position(lc: LineCounter, offset: number): SourcePosition {
  const { line, col } = lc.linePos(offset);
  return { line, column: col };
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

/** Refuses text whose bracket nesting would exhaust the parser; reports where it got too deep. */
function checkFlowNesting(text: string, file: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_NESTING) {
        const before = text.slice(0, i);
        const line = before.split('\n').length;
        const column = i - (before.lastIndexOf('\n') + 1) + 1;
        throw new InvalidArgumentError([{ path: '', message: `nests deeper than ${MAX_OBJECT_DEPTH} levels`, source: { file, line, column } }]);
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
}

/** Where a path is in a document's tree: the value, or with `key` the key node. */
function locator(doc: Document, lc: LineCounter): Locate {
  const at = (node: unknown): SourcePosition | undefined =>
    Y().isNode(node) && node.range ? position(lc, node.range[0]) : undefined;
  return (path: Path, key: boolean) => {
    let node: unknown = doc.contents;
    for (let i = 0; i < path.length; i++) {
      if (Y().isAlias(node)) node = node.resolve(doc);
      const seg = path[i];
      if (Y().isMap(node)) {
        const pair = node.items.find((p) => Y().isPair(p) && Y().isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return undefined;
        if (i === path.length - 1 && key) return at(pair.key);
        const value = pair.value;
        // `key:` with no value: point at the key
        if (value === null || (Y().isScalar(value) && value.value === null && (value.source ?? '') === '')) {
          return i === path.length - 1 ? at(pair.key) : undefined;
        }
        node = value;
      } else if (Y().isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (node === undefined) return undefined;
      } else {
        return undefined;
      }
    }
    return at(node);
  };
}

/**
 * Checks the document's tree before it is turned into JS: nesting depth and
 * mapping keys (which must be scalars; a list or map as a key has no JSON
 * form). Iterative, so a deep tree cannot overflow the stack.
 */
function checkTree(doc: Document, lc: LineCounter, base: Pick<FieldIssue, 'source'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const where = (offset: number | undefined) => (offset === undefined ? {} : position(lc, offset));
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0 && issues.length < 20) {
    const { node, depth } = stack.pop()!;
    if (Y().isMap(node) || Y().isSeq(node)) {
      if (depth >= MAX_OBJECT_DEPTH) {
        issues.push({ path: '', message: `nests deeper than ${MAX_OBJECT_DEPTH} levels`, source: { ...base.source, ...where(node.range?.[0]) } });
        continue;
      }
      if (Y().isMap(node)) {
        for (const p of node.items) {
          if (p.key !== null && !Y().isScalar(p.key)) {
            const k = p.key as { range?: [number, number, number] };
            issues.push({ path: '', message: 'mapping keys must be plain strings, not lists, maps or aliases', source: { ...base.source, ...where(k.range?.[0]) } });
          }
          stack.push({ node: p.value, depth: depth + 1 });
        }
      } else {
        for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return issues;
}

function sortIssues(issues: FieldIssue[]): FieldIssue[] {
  const key = (i: FieldIssue) => [i.source?.document ?? 0, i.source?.line ?? 0, i.source?.column ?? 0];
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => {
      const ka = key(a.issue);
      const kb = key(b.issue);
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.n - b.n;
    })
    .map((x) => x.issue);
}

/**
 * Validates one parsed YAML document as an object. `document` is its 1-based
 * index in `file`. Throws InvalidArgumentError with positioned issues; an
 * empty document is an error here (parseDocuments skips those).
 */
export function validateDocument(
  doc: Document.Parsed,
  ctx: { readonly file: string; readonly document: number; readonly lineCounter: LineCounter; readonly text?: string },
  opts: ParseOptions = {},
): ResourceObject {
  const source = { file: ctx.file, document: ctx.document };
  const lc = ctx.lineCounter;
  const start = doc.range[0];
  const fail = (issues: FieldIssue[]): never => {
    throw new InvalidArgumentError(sortIssues(issues));
  };
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    fail(problems.map((e) => ({ path: '', message: yamlMessage(e.message), source: { ...source, ...position(lc, e.pos[0]) } })));
  }
  if (doc.contents === null || (Y().isScalar(doc.contents) && doc.contents.value === null)) {
    fail([{ path: '', message: 'document is empty', source: { ...source, ...position(lc, start) } }]);
  }
  const bytes = ctx.text !== undefined ? Buffer.byteLength(ctx.text.slice(doc.range[0], doc.range[2])) : doc.range[2] - doc.range[0];
  if (bytes > MAX_DOCUMENT_BYTES) {
    fail([
      {
        path: '',
        message: `document is too large: ${bytes} bytes, the limit is ${MAX_DOCUMENT_BYTES} bytes`,
        source: { ...source, ...position(lc, start) },
      },
    ]);
  }
  const treeIssues = checkTree(doc, lc, { source });
  if (treeIssues.length > 0) fail(treeIssues);
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message =
      err instanceof ReferenceError && /alias/i.test(err.message)
        ? `too many alias expansions, more than ${MAX_ALIAS_COUNT} (a "billion laughs" YAML bomb?)`
        : yamlMessage(err instanceof Error ? err.message : String(err));
    fail([{ path: '', message, source: { ...source, ...position(lc, start) } }]);
  }
  try {
    return validateObject(js, { source, locate: locator(doc, lc), keepSystemFields: opts.keepSystemFields });
  } catch (err) {
    if (err instanceof InvalidArgumentError) fail([...err.issues]);
    throw err;
  }
}

/**
 * Parses a file of YAML documents separated by `---` (or one JSON document)
 * and validates each as an object. Empty documents are skipped, but indexes
 * stay those of the file (1-based). Throws one InvalidArgumentError listing
 * the issues of every document, sorted by document and position; each names
 * the file, the document, the line and column, the field path and the reason.
 */
export function parseDocuments(text: string, file: string, opts: ParseOptions = {}): ParsedDocument[] {
  const size = Buffer.byteLength(text);
  if (size > MAX_FILE_BYTES) {
    throw new InvalidArgumentError([{ path: '', message: `file is too large: ${size} bytes, the limit is ${MAX_FILE_BYTES} bytes`, source: { file } }]);
  }
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  checkFlowNesting(src, file);
  const lineCounter = new (Y().LineCounter)();
  const docs = Y().parseAllDocuments(src, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const out: ParsedDocument[] = [];
  const issues: FieldIssue[] = [];
  docs.forEach((doc, i) => {
    const isEmpty = doc.errors.length === 0 && (doc.contents === null || (Y().isScalar(doc.contents) && doc.contents.value === null));
    if (isEmpty) return;
    try {
      const object = validateDocument(doc, { file, document: i + 1, lineCounter, text: src }, opts);
      const start = doc.contents && Y().isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : doc.range[0];
      out.push({ file, document: i + 1, line: lineCounter.linePos(start).line, object });
    } catch (err) {
      if (err instanceof InvalidArgumentError) issues.push(...err.issues);
      else throw err;
    }
  });
  if (issues.length > 0) throw new InvalidArgumentError(sortIssues(issues));
  return out;
}
