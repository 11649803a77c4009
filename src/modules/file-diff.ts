// Unified diffs of file content for --diff: `a/<path>` and `b/<path>` (the
// absolute path without its leading '/'), `/dev/null` for a side that does
// not exist, "Binary files differ" when either side holds a NUL byte, and a
// size cap with a note. The file module decides when a diff is wanted.

import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** largest diff text returned; longer diffs are cut at a line end and get a note */
export const MAX_DIFF_BYTES = 256 * 1024;
/** larger sides are not diffed line by line (the cost grows with size × edits) */
export const MAX_DIFF_INPUT_BYTES = 1024 * 1024;
const DIFF_TIMEOUT_MS = 2_000;

/** git's heuristic: a NUL in the first 8000 bytes */
export function isBinary(b: Uint8Array): boolean {
  const end = Math.min(b.length, 8000);
  for (let i = 0; i < end; i++) if (b[i] === 0) return true;
  return false;
}

function header(path: string, before: Uint8Array | undefined, after: Uint8Array | undefined): string {
  const a = before === undefined ? '/dev/null' : `a${path}`;
  const b = after === undefined ? '/dev/null' : `b${path}`;
  return `--- ${a}\n+++ ${b}\n`;
}

/** caps `text` at MAX_DIFF_BYTES (UTF-16 units as a proxy for bytes), cutting at a line end */
export function capDiff(text: string, max = MAX_DIFF_BYTES): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf('\n', max - 1) + 1;
  if (cut <= 0) cut = max;
  return `${text.slice(0, cut)}… diff truncated: ${Buffer.byteLength(text.slice(cut))} more bytes\n`;
}

/**
 * The unified diff from `before` to `after` for the file at absolute `path`;
 * undefined for a side means the file does not exist on that side. `beforeSize`
 * stands in for `before` when the old content was too large to read for a diff.
 */
export function fileDiff(path: string, before: Uint8Array | undefined, after: Uint8Array | undefined, beforeSize?: number): string {
  const head = header(path, before ?? (beforeSize !== undefined ? new Uint8Array(0) : undefined), after);
  if (before === undefined && beforeSize !== undefined) {
    return `${head}(previous content not diffed: ${beforeSize} bytes; new content ${after?.length ?? 0} bytes)\n`;
  }
  if ((before !== undefined && isBinary(before)) || (after !== undefined && isBinary(after))) return `${head}Binary files differ\n`;
  const oldSize = before?.length ?? 0;
  const newSize = after?.length ?? 0;
  if (oldSize > MAX_DIFF_INPUT_BYTES || newSize > MAX_DIFF_INPUT_BYTES) {
    return `${head}(content too large to diff: ${oldSize} -> ${newSize} bytes)\n`;
  }
  const a = before === undefined ? '/dev/null' : `a${path}`;
  const b = after === undefined ? '/dev/null' : `b${path}`;
  const text = createTwoFilesPatch(a, b, Buffer.from(before ?? []).toString('utf8'), Buffer.from(after ?? []).toString('utf8'), undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (text === undefined) return `${head}(diff not computed: too many changes; ${oldSize} -> ${newSize} bytes)\n`;
  return capDiff(text);
}
