import { createHash } from 'node:crypto';

/** The HTTP methods an OpenAPI 3.0 path item may hold, in the order the generator lists them. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One of {@link httpMethods}. */
export type HttpMethod = (typeof httpMethods)[number];

/** A JSON schema as an OpenAPI 3.0 document writes it. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  description?: string;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: boolean | SchemaObject;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  [keyword: string]: unknown;
}

/** A parameter object (or a `$ref` to one). */
export interface ParameterObject {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  content?: Record<string, MediaTypeObject>;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
  [key: string]: unknown;
}

/** A media type object: the schema of one content type. */
export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
  [key: string]: unknown;
}

/** A request body object (or a `$ref` to one). */
export interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

/** A header object of a response (or a `$ref` to one). */
export interface HeaderObject {
  $ref?: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
  [key: string]: unknown;
}

/** A response object (or a `$ref` to one). */
export interface ResponseObject {
  $ref?: string;
  description?: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, MediaTypeObject>;
}

/** An operation object, reduced to what the generator reads. */
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
  [key: string]: unknown;
}

/** A path item: operations by method, and parameters shared by all of them. */
export type PathItemObject = { parameters?: ParameterObject[]; $ref?: string } & Partial<
  Record<HttpMethod, OperationObject>
> & { [key: string]: unknown };

/** The parts of an OpenAPI 3.0 document the generator reads. */
export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string; variables?: Record<string, { default: string }> }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItemObject>;
  components?: {
    schemas?: Record<string, SchemaObject>;
    responses?: Record<string, ResponseObject>;
    parameters?: Record<string, ParameterObject>;
    requestBodies?: Record<string, RequestBodyObject>;
    headers?: Record<string, HeaderObject>;
    [section: string]: unknown;
  };
  [key: string]: unknown;
}

/** The spec's text, parsed, with the checksum the generated headers quote. */
export interface LoadedSpec {
  text: string;
  sha256: string;
  document: OpenApiDocument;
}

/**
 * A construct of the spec the generator cannot express, with the JSON pointer to it, e.g.
 * `#/paths/~1v1~1engines/get/requestBody: ...`.
 */
export class SpecError extends Error {
  override name = 'SpecError';
  /** Where in the spec, as a JSON pointer. */
  readonly pointer: string;

  constructor(pointer: string, problem: string) {
    super(`${pointer}: ${problem}`);
    this.pointer = pointer;
  }
}

/** Parses the spec text, checks it is an OpenAPI 3.0 document with paths, and computes its sha256. */
export function loadSpec(text: string): LoadedSpec {
  let document: OpenApiDocument;
  try {
    document = JSON.parse(text) as OpenApiDocument;
  } catch (error) {
    throw new SpecError('#', `not JSON (${(error as Error).message})`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SpecError('#', 'not an OpenAPI document (expected a JSON object)');
  }
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.0')) {
    throw new SpecError('#/openapi', `OpenAPI ${String(document.openapi)} is not supported: expected 3.0.x`);
  }
  if (typeof document.paths !== 'object' || document.paths === null) {
    throw new SpecError('#/paths', 'missing: a spec without paths describes no operation');
  }
  return { text, sha256: createHash('sha256').update(text).digest('hex'), document };
}

/** Escapes one JSON pointer segment (`~` as `~0`, `/` as `~1`). */
export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer (`#/a/b`) from its segments. */
export function pointerOf(...segments: Array<string | number>): string {
  return `#${segments.map((segment) => `/${escapePointerSegment(String(segment))}`).join('')}`;
}

/** The value a local JSON pointer (`#/components/schemas/X`) points at, or throws a SpecError naming `from`. */
export function resolvePointer(document: OpenApiDocument, ref: string, from: string): unknown {
  if (!ref.startsWith('#')) throw new SpecError(from, `external reference ${ref} is not supported: bundle the spec`);
  let current: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) {
      throw new SpecError(from, `dangling reference ${ref}`);
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * Follows `$ref`s until an object without one. Returns the object and the pointer it lives at (the last
 * reference followed, or `pointer` itself when there was none).
 */
export function follow<T extends { $ref?: string }>(
  document: OpenApiDocument,
  value: T,
  pointer: string,
): { value: T; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 64) throw new SpecError(pointer, `reference cycle through ${current.$ref}`);
    const ref: string = current.$ref;
    current = resolvePointer(document, ref, at) as T;
    at = ref;
  }
  return { value: current, pointer: at };
}

/** Follows a schema's `$ref`s to the schema itself. */
export function resolveSchema(document: OpenApiDocument, schema: SchemaObject, pointer = '#'): SchemaObject {
  return follow(document, schema, pointer).value;
}

const componentSchemaPrefix = '#/components/schemas/';

/** The component name a `#/components/schemas/X` reference points at, else `undefined`. */
export function componentSchemaName(ref: string | undefined): string | undefined {
  if (!ref?.startsWith(componentSchemaPrefix)) return undefined;
  const rest = ref.slice(componentSchemaPrefix.length);
  return rest.includes('/') ? undefined : rest.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * The properties of an object schema, merged across `allOf` branches (later branches win), each with the
 * pointer it was declared at.
 */
export function collectProperties(
  document: OpenApiDocument,
  schema: SchemaObject,
  pointer = '#',
): Record<string, { schema: SchemaObject; pointer: string }> {
  const { value: resolved, pointer: at } = follow(document, schema, pointer);
  const merged: Record<string, { schema: SchemaObject; pointer: string }> = {};
  for (const [index, branch] of (resolved.allOf ?? []).entries()) {
    Object.assign(merged, collectProperties(document, branch, `${at}/allOf/${index}`));
  }
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    merged[name] = { schema: property, pointer: `${at}/properties/${escapePointerSegment(name)}` };
  }
  return merged;
}

/** The names an object schema requires, merged across `allOf` branches. */
export function collectRequired(document: OpenApiDocument, schema: SchemaObject, pointer = '#'): string[] {
  const { value: resolved, pointer: at } = follow(document, schema, pointer);
  const names = new Set(resolved.required ?? []);
  for (const [index, branch] of (resolved.allOf ?? []).entries()) {
    for (const name of collectRequired(document, branch, `${at}/allOf/${index}`)) names.add(name);
  }
  return [...names];
}
