import type { ValidationIssue } from './errors.js';
import { describe, headerValueProblem } from './option-checks.js';
import { type SnapshotContext, snapshot } from './snapshot.js';

/** The values of one call as the user passed them. */
export interface GivenCall {
  /** Made by the pipeline for this call (its values are the caller's): checked and copied in place. */
  pathValues: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  /**
   * Header parameters by their spec names, with the values the options gave them; made by the pipeline
   * for this call, so checked and copied in place.
   */
  header: Record<string, unknown>;
  body: unknown;
}

/** The call's own copy of those values, and every reason they cannot be sent as given. */
export interface TakenCall {
  pathValues: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  header: Record<string, unknown>;
  body: unknown;
  issues: ValidationIssue[];
}

/**
 * Takes the one copy of a call's values that is validated and sent (see `snapshot.ts`), and checks what
 * must hold whatever the spec says, so even with `validate: false`: a path value is one non-empty path
 * segment other than `.` and `..` (which would move the request to another path), and header values are
 * ones fetch sends unchanged.
 *
 * `pathValues` and `header` are objects the pipeline made for this call, so their values are checked and
 * copied in place (a string is its own copy: most calls store nothing); `query` and `body` are the
 * caller's, so they are copied.
 */
export function takeCall(given: GivenCall): TakenCall {
  const issues: ValidationIssue[] = [];
  const urlText = { wellFormedText: true, issues };
  const pathValues = given.pathValues;
  for (const name in pathValues) {
    const copied = ownCopy(pathValues, name, `path.${name}`, urlText);
    const problem = pathSegmentProblem(copied);
    if (problem) issues.push({ path: `path.${name}`, ...problem });
  }
  const header = given.header;
  for (const name in header) {
    const copied = ownCopy(header, name, `header.${name}`, urlText);
    const problem = copied === undefined ? undefined : headerValueProblem(String(copied));
    if (problem) issues.push({ path: `header.${name}`, ...problem });
  }
  const query = given.query && copiedValues(given.query, (name, value) => snapshot(value, `query.${name}`, urlText));
  const body = snapshot(given.body, '', { wellFormedText: false, issues });
  return { pathValues, query, header, body, issues };
}

/** Replaces `values[name]` by its snapshot (only when that differs: an object, not a string) and returns it. */
function ownCopy(values: Record<string, unknown>, name: string, path: string, context: SnapshotContext): unknown {
  const value = values[name];
  const copied = snapshot(value, path, context);
  if (copied !== value) values[name] = copied;
  return copied;
}

/** What is wrong with a path parameter's value, if anything. */
function pathSegmentProblem(value: unknown): { rule: string; message: string } | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { rule: 'required', message: `must be a string (got ${describe(value)})` };
  }
  const text = String(value);
  if (text === '') return { rule: 'non-empty', message: 'must not be empty (it is part of the URL path)' };
  if (text === '.' || text === '..') {
    return { rule: 'path-segment', message: `must not be "${text}" (it would change the URL's path)` };
  }
  return undefined;
}

/** A copy of the caller's values, each mapped; defined as own properties (a key `__proto__` stays a key). */
function copiedValues(
  values: Record<string, unknown>,
  map: (name: string, value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.keys(values).map((name) => [name, map(name, values[name])]));
}
