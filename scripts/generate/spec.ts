import { createHash } from 'node:crypto';

/** The parts of an OpenAPI 3.0 document the generator reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, SchemaObject>;
    responses?: Record<string, ResponseObject>;
    [section: string]: unknown;
  };
  [key: string]: unknown;
}

/** An operation object, reduced to what the generator reads. */
export interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, ResponseObject>;
}

/** A response object or a `$ref` to one. */
export interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: SchemaObject }>;
}

/** A JSON schema as the spec writes it (OpenAPI 3.0 dialect). */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  [keyword: string]: unknown;
}

/** The spec's text, parsed, with the checksum the generated headers quote. */
export interface LoadedSpec {
  text: string;
  sha256: string;
  document: OpenApiDocument;
}

/** Parses the spec text and computes its sha256. */
export function loadSpec(text: string): LoadedSpec {
  return {
    text,
    sha256: createHash('sha256').update(text).digest('hex'),
    document: JSON.parse(text) as OpenApiDocument,
  };
}

const schemaRefPrefix = '#/components/schemas/';
const responseRefPrefix = '#/components/responses/';

/** The component name a `#/components/schemas/X` reference points at. */
export function schemaRefName(ref: string): string {
  if (!ref.startsWith(schemaRefPrefix)) throw new Error(`not a component schema reference: ${ref}`);
  return ref.slice(schemaRefPrefix.length);
}

/** Follows a response `$ref` to `#/components/responses/X`, returning the name (or undefined) and the object. */
export function resolveResponse(
  document: OpenApiDocument,
  response: ResponseObject,
): { name?: string; response: ResponseObject } {
  if (!response.$ref) return { response };
  if (!response.$ref.startsWith(responseRefPrefix)) throw new Error(`unsupported response reference: ${response.$ref}`);
  const name = response.$ref.slice(responseRefPrefix.length);
  const target = document.components.responses?.[name];
  if (!target) throw new Error(`dangling response reference: ${response.$ref}`);
  return { name, response: target };
}
