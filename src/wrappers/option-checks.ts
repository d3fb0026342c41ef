import { OptionError, type ValidationIssue } from './errors.js';

/**
 * The rules every option follows, checked when the client is made and again for each call's own options,
 * so that a bad value (`NaN` from an unset environment variable, `Infinity`, a header with a line break)
 * is refused by name before anything is sent, instead of spinning, hanging or failing deep inside fetch.
 */

/** What is wrong with one value: the rule and the words for it. `undefined` when the value is fine. */
export type Problem = { rule: string; message: string } | undefined;

/** A check of one option's value; `at` is the option's name, for nested problems. */
type Check = (value: unknown, at: string) => Array<{ at: string } & NonNullable<Problem>>;

/** The longest `timeout` (ms): the largest exact integer. Longer waits are chained timers, so none overflows. */
export const maxTimeoutMs = Number.MAX_SAFE_INTEGER;

/** A whole number of milliseconds (or a count) above zero. */
export function positiveInteger(value: unknown): Problem {
  return Number.isSafeInteger(value) && (value as number) > 0
    ? undefined
    : { rule: 'positive-integer', message: `must be a whole number above 0 (got ${describe(value)})` };
}

/** A whole number, 0 or more. */
export function nonNegativeInteger(value: unknown): Problem {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? undefined
    : { rule: 'non-negative-integer', message: `must be a whole number, 0 or more (got ${describe(value)})` };
}

/** Milliseconds above 0, at most {@link maxTimeoutMs}, or `Infinity` for no timeout. */
export function timeoutProblem(value: unknown): Problem {
  const fine = typeof value === 'number' && value > 0 && (value <= maxTimeoutMs || value === Number.POSITIVE_INFINITY);
  return fine
    ? undefined
    : {
        rule: 'positive-timeout',
        message: `must be milliseconds above 0, at most ${maxTimeoutMs}, or Infinity for none (got ${describe(value)})`,
      };
}

/**
 * A header value fetch sends as given: a string of Latin-1 characters without CR, LF or NUL (which would
 * split or end the header) and without leading or trailing whitespace (which fetch would strip).
 */
export function headerValueProblem(value: unknown): Problem {
  if (typeof value !== 'string') return { rule: 'type', message: `must be a string (got ${describe(value)})` };
  if (/[\r\n\0]/.test(value)) return { rule: 'header-value', message: 'must not contain CR, LF or NUL' };
  if (/[\u0100-\uffff]/.test(value)) {
    return { rule: 'header-value', message: 'must hold only Latin-1 characters (HTTP headers cannot carry others)' };
  }
  if (value !== value.replace(/^[\t ]+|[\t ]+$/g, '')) {
    return { rule: 'header-value', message: 'must not start or end with whitespace (fetch would strip it)' };
  }
  return undefined;
}

/** A header name: an HTTP token (RFC 9110 section 5.6.2). */
export function headerNameProblem(name: string): Problem {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)
    ? undefined
    : { rule: 'header-name', message: "is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only)" };
}

/** One of the listed values. */
export function oneOf(values: readonly unknown[]): (value: unknown) => Problem {
  return (value) =>
    values.includes(value)
      ? undefined
      : { rule: 'enum', message: `must be one of ${values.map((item) => JSON.stringify(item)).join(', ')}` };
}

/** A value of a `typeof` type. */
export function ofType(type: 'boolean' | 'function' | 'string'): (value: unknown) => Problem {
  return (value) =>
    typeof value === type ? undefined : { rule: 'type', message: `must be a ${type} (got ${describe(value)})` };
}

/** A plain object (not null, an array or a class instance such as a Date). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value as an error message may show it: never a long string (it could be a secret or a whole body). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A check built from a single-value rule. */
export function single(rule: (value: unknown) => Problem): Check {
  return (value, at) => {
    const problem = rule(value);
    return problem ? [{ at, ...problem }] : [];
  };
}

/** An object whose own keys each follow their rule; keys without a rule are refused by name. */
export function objectOf(rules: Record<string, Check>): Check {
  return (value, at) => {
    if (!isPlainObject(value)) return [{ at, rule: 'type', message: `must be an object (got ${describe(value)})` }];
    return Object.keys(value).flatMap((key) => {
      const item = value[key];
      if (item === undefined) return [];
      const check = Object.hasOwn(rules, key) ? rules[key] : undefined;
      return check ? check(item, `${at}.${key}`) : [unknownOption(`${at}.${key}`, Object.keys(rules))];
    });
  };
}

/** A headers object: valid names, each with a valid value (`null` removes a header where allowed). */
export function headersObject({ allowNull }: { allowNull: boolean }): Check {
  return (value, at) => {
    if (!isPlainObject(value)) return [{ at, rule: 'type', message: `must be an object (got ${describe(value)})` }];
    return Object.keys(value).flatMap((name) => {
      const item = value[name];
      if (item === undefined || (allowNull && item === null)) return [];
      const problem = headerNameProblem(name) ?? headerValueProblem(item);
      return problem ? [{ at: `${at}[${JSON.stringify(name)}]`, ...problem }] : [];
    });
  };
}

function unknownOption(at: string, known: readonly string[]) {
  return { at, rule: 'unknown-option', message: `is not an option (options: ${[...known].sort().join(', ')})` };
}

/** Checks an options object against its rules; every problem found, each under the option's full name. */
export function optionProblems(options: unknown, rules: Record<string, Check>, prefix: string) {
  if (options === undefined) return [];
  return objectOf(rules)(options, prefix).map((problem) => ({
    ...problem,
    at: problem.at.startsWith(`${prefix}.`) ? problem.at.slice(prefix.length + 1) : problem.at,
  }));
}

/**
 * Throws an {@link OptionError} for the first problem of a client option; `source` names where the value
 * came from when it is not the option itself (an environment variable).
 */
export function assertClientOptions(options: unknown, rules: Record<string, Check>, source?: string): void {
  const [first] = optionProblems(options, rules, 'options');
  if (first) throw new OptionError(source ?? first.at, first.rule, first.message);
}

/** The problems of a call's own options, as validation issues under `options.<name>`. */
export function callOptionIssues(options: unknown, rules: Record<string, Check>): ValidationIssue[] {
  try {
    if (options !== undefined && !isPlainObject(options)) {
      return [{ path: 'options', rule: 'type', message: `must be an object (got ${describe(options)})` }];
    }
    return optionProblems(options, rules, 'options').map(({ at, rule, message }) => ({
      path: `options.${at}`,
      rule,
      message,
    }));
  } catch (error) {
    // A revoked Proxy, or a getter that throws.
    const reason = error instanceof Error ? error.message : String(error);
    return [{ path: 'options', rule: 'readable', message: `could not be read (${reason})` }];
  }
}
