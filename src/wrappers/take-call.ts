import type { ValidationIssue } from './errors.js';
import { describe, headerValueProblem } from './option-checks.js';
import { snapshot } from './snapshot.js';

/** The values of one call as the user passed them. */
export interface GivenCall {
  pathValues: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  /** Header parameters by their spec names, with the values the options gave them. */
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
 */
export function takeCall(given: GivenCall): TakenCall {
  const issues: ValidationIssue[] = [];
  const urlText = { wellFormedText: true, issues };
  const pathValues = mapValues(given.pathValues, (name, value) => {
    const copied = snapshot(value, `path.${name}`, urlText);
    const problem = pathSegmentProblem(copied);
    if (problem) issues.push({ path: `path.${name}`, ...problem });
    return copied;
  });
  const query = given.query && mapValues(given.query, (name, value) => snapshot(value, `query.${name}`, urlText));
  const header = mapValues(given.header, (name, value) => {
    const copied = snapshot(value, `header.${name}`, urlText);
    const problem = copied === undefined ? undefined : headerValueProblem(String(copied));
    if (problem) issues.push({ path: `header.${name}`, ...problem });
    return copied;
  });
  const body = snapshot(given.body, '', { wellFormedText: false, issues });
  return { pathValues, query, header, body, issues };
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

function mapValues(
  values: Record<string, unknown>,
  map: (name: string, value: unknown) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.keys(values).map((name) => [name, map(name, values[name])]));
}
