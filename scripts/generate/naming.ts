import { words } from '../../src/wrappers/words.js';
import { type HttpMethod, type OperationObject, SpecError } from './spec.js';

export { words };

/**
 * The naming file beside the spec (`openapi/naming.json`): per operation, a group or method name that
 * replaces what the rule gives. Keys are operationIds, or `"<method> <path>"` for an operation without one.
 * Entries whose operation is not in the spec are reported and ignored, so a new spec never needs an edit here.
 */
export interface NamingOverrides {
  operations?: Record<string, { group?: string; method?: string }>;
}

/** What an operation is called on the client: `client[group][method]`. */
export interface OperationName {
  group: string;
  method: string;
}

/** Names the client itself uses, or that would make it misbehave (`then` makes an object awaitable). */
const reservedGroups = new Set(['raw', 'then', 'constructor', 'prototype', '__proto__', 'toString', 'valueOf']);
const reservedMethods = new Set(['then', 'constructor', 'prototype', '__proto__', 'toString', 'valueOf']);

/** `['text', 'to', 'image']` as `textToImage`; a leading digit gets an underscore. */
export function camelCase(parts: string[]): string {
  const joined = parts.map((word, index) => (index === 0 ? word : word[0]?.toUpperCase() + word.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** `textToImage` as `TextToImage`. */
export function pascalCase(text: string): string {
  const camel = camelCase(words(text));
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

const versionSegment = /^v\d+([a-z]+\d*)?$/i;

/**
 * The group, from the operation's first tag (its last `/`-separated part: `v1/generation` gives
 * `generation`); without tags, the first path segment that is neither a version (`v1`) nor a parameter.
 */
export function groupName(operation: OperationObject, path: string): string {
  const tag = operation.tags?.[0];
  const source = tag
    ? (tag.split('/').filter(Boolean).at(-1) ?? tag)
    : (path.split('/').find((segment) => segment && !segment.startsWith('{') && !versionSegment.test(segment)) ??
      'default');
  const name = camelCase(words(source)) || 'default';
  return reservedGroups.has(name) ? `${name}Operations` : name;
}

/**
 * The method name: the operationId in camelCase, without the group's name (or its singular) when it starts
 * or ends the operationId and something is left: `listEngines` in `engines` gives `list`, `userBalance` in
 * `user` gives `balance`, `textToImage` in `generation` stays `textToImage`.
 */
export function methodName(operationId: string, group: string): string {
  const parts = words(operationId);
  const groupWords = words(group);
  const singular = [...groupWords.slice(0, -1), (groupWords.at(-1) ?? '').replace(/s$/, '')];
  let trimmed = parts;
  for (const candidate of [groupWords, singular]) {
    const n = candidate.length;
    if (parts.length <= n) continue;
    if (candidate.every((word, index) => parts[index] === word)) trimmed = parts.slice(n);
    else if (candidate.every((word, index) => parts[parts.length - n + index] === word)) trimmed = parts.slice(0, -n);
    if (trimmed !== parts) break;
  }
  const name = camelCase(trimmed);
  return reservedMethods.has(name) ? `${name}Operation` : name;
}

/** One operation as the naming rule sees it. */
export interface NamingInput {
  operationId: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  operation: OperationObject;
}

/**
 * Names every operation: the rule, then the overrides, then disambiguation (two operations of a group with
 * one name both take their full operationId). Returns the names and the overrides that matched nothing.
 */
export function nameOperations(
  inputs: NamingInput[],
  overrides: NamingOverrides,
): { names: Map<string, OperationName>; unusedOverrides: string[] } {
  const entries = overrides.operations ?? {};
  const used = new Set<string>();
  const names = new Map<string, OperationName>();
  for (const input of inputs) {
    const key = [input.operationId, `${input.method} ${input.path}`].find((candidate) => candidate in entries);
    const override = key === undefined ? undefined : entries[key];
    if (key !== undefined) used.add(key);
    const group = override?.group ?? groupName(input.operation, input.path);
    names.set(input.operationId, { group, method: override?.method ?? methodName(input.operationId, group) });
  }
  disambiguate(inputs, names);
  return { names, unusedOverrides: Object.keys(entries).filter((key) => !used.has(key)) };
}

function disambiguate(inputs: NamingInput[], names: Map<string, OperationName>): void {
  const byName = new Map<string, NamingInput[]>();
  for (const input of inputs) {
    const { group, method } = names.get(input.operationId) as OperationName;
    const key = `${group}.${method}`;
    byName.set(key, [...(byName.get(key) ?? []), input]);
  }
  for (const [key, clashing] of byName) {
    if (clashing.length < 2) continue;
    for (const input of clashing) {
      const name = names.get(input.operationId) as OperationName;
      name.method = camelCase(words(input.operationId));
    }
    const methods = clashing.map((input) => names.get(input.operationId)?.method);
    if (new Set(methods).size < methods.length) {
      throw new SpecError(
        clashing[1]?.pointer ?? '#/paths',
        `two operations would both be ${key} (${clashing.map((input) => input.pointer).join(', ')}): name one in openapi/naming.json`,
      );
    }
  }
}

/** Checks the naming file's shape; `undefined` text means there is none. */
export function parseNamingOverrides(text: string | undefined): NamingOverrides {
  if (text === undefined) return {};
  const parsed = JSON.parse(text) as NamingOverrides;
  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  for (const [key, entry] of Object.entries(parsed.operations ?? {})) {
    for (const name of [entry.group, entry.method]) {
      if (name !== undefined && !identifier.test(name)) {
        throw new Error(`openapi/naming.json: ${key}: ${JSON.stringify(name)} is not an identifier`);
      }
    }
  }
  return parsed;
}
