import type { ValidationIssue } from './errors.js';
import { describe } from './option-checks.js';
import { isUpload } from './uploads.js';

/**
 * The one copy of a call's values that is validated and then sent. Taking it reads every getter once and
 * ignores `toJSON`, so what was checked is exactly what goes on the wire; the user's objects are never
 * mutated. Values that cannot travel as given are issues naming their field: circular structures, numbers
 * JSON cannot carry (`NaN`, `Infinity`, bigint), detached or empty uploads, and, in text that is not sent
 * as JSON (multipart, forms, URLs, headers), lone surrogates, which would arrive as U+FFFD.
 */

/** How the copied values will be encoded, which decides what text they may hold. */
export interface SnapshotContext {
  /** `true` when strings travel outside JSON (which escapes lone surrogates losslessly). */
  wellFormedText: boolean;
  issues: ValidationIssue[];
}

/** Nesting deeper than this is refused rather than risking a stack overflow. */
const maxDepth = 64;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Copies `value` (at JSON pointer `path`) as own data, recording every issue in `context.issues`. */
export function snapshot(value: unknown, path: string, context: SnapshotContext): unknown {
  return copy(value, path, context, []);
}

function copy(value: unknown, path: string, context: SnapshotContext, ancestors: object[]): unknown {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      if (context.wellFormedText && loneSurrogate.test(value)) {
        issue(
          context,
          path,
          'well-formed-text',
          'holds a lone surrogate (half of an emoji?), which would arrive as U+FFFD',
        );
      }
      return value;
    case 'number':
      if (!Number.isFinite(value)) issue(context, path, 'finite-number', `must be a finite number (got ${value})`);
      return value;
    case 'object':
      return value === null ? null : copyObject(value, path, context, ancestors);
    default:
      issue(context, path, 'type', `cannot be sent (got ${describe(value)})`);
      return undefined;
  }
}

function copyObject(value: object, path: string, context: SnapshotContext, ancestors: object[]): unknown {
  let upload: boolean;
  try {
    // A revoked Proxy, or one whose getPrototypeOf trap throws, fails even this.
    upload = isUpload(value);
  } catch (error) {
    return unreadable(context, path, error);
  }
  if (upload) return checkedUpload(value as Blob | ArrayBuffer | ArrayBufferView, path, context);
  if (ancestors.includes(value)) {
    issue(context, path, 'circular', 'refers back to an enclosing object (circular structure)');
    return undefined;
  }
  if (ancestors.length >= maxDepth) {
    issue(context, path, 'depth', `nests deeper than ${maxDepth} levels`);
    return undefined;
  }
  const inner = [...ancestors, value];
  try {
    if (Array.isArray(value)) {
      return Array.from({ length: value.length }, (_, index) => copy(value[index], `${path}/${index}`, context, inner));
    }
    return Object.fromEntries(
      Object.keys(value).map((key) => [
        key,
        copy((value as Record<string, unknown>)[key], `${path}/${escapePointer(key)}`, context, inner),
      ]),
    );
  } catch (error) {
    return unreadable(context, path, error);
  }
}

function unreadable(context: SnapshotContext, path: string, error: unknown): undefined {
  issue(context, path, 'readable', `could not be read (${error instanceof Error ? error.message : String(error)})`);
  return undefined;
}

/** An upload is sent as it is (never copied here); it must hold bytes that are still there. */
function checkedUpload(value: Blob | ArrayBuffer | ArrayBufferView, path: string, context: SnapshotContext) {
  if (!(value instanceof Blob) && isDetached(value instanceof ArrayBuffer ? value : value.buffer)) {
    issue(context, path, 'detached', 'is a detached buffer (it was transferred or its memory released)');
  } else if ((value instanceof Blob ? value.size : value.byteLength) === 0) {
    issue(context, path, 'non-empty-upload', 'is empty (0 bytes)');
  }
  return value;
}

/** Whether a buffer was detached (transferred): its bytes are gone, and most uses of it throw. */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if ('detached' in buffer && typeof buffer.detached === 'boolean') return buffer.detached;
  if (buffer.byteLength > 0 || !(buffer instanceof ArrayBuffer)) return false;
  try {
    buffer.slice(0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Lone surrogates in the strings of an already copied value (at JSON pointer `path`): for a body whose
 * media type turns out to travel outside JSON, where each would arrive as U+FFFD.
 */
export function loneSurrogateIssues(value: unknown, path: string): ValidationIssue[] {
  const context: SnapshotContext = { wellFormedText: true, issues: [] };
  const visit = (item: unknown, at: string): void => {
    if (typeof item === 'string') {
      copy(item, at, context, []);
    } else if (Array.isArray(item)) {
      for (const [index, inner] of item.entries()) visit(inner, `${at}/${index}`);
    } else if (item !== null && typeof item === 'object' && !isUpload(item)) {
      for (const [key, inner] of Object.entries(item)) visit(inner, `${at}/${escapePointer(key)}`);
    }
  };
  visit(value, path);
  return context.issues;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function issue(context: SnapshotContext, path: string, rule: string, message: string): void {
  context.issues.push({ path, rule, message });
}
