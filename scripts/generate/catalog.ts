import { type OpenApiDocument, resolveResponse, type SchemaObject, schemaRefName } from './spec.js';

/** How the client picks one variant of an operation's request body. */
export type VariantSelector =
  | { kind: 'single' }
  | { kind: 'discriminator'; propertyName: string; defaultValue?: string; mapping: Record<string, string> }
  | { kind: 'oneOf' };

/** One request-body schema that gets its own validator. */
export interface RequestVariant {
  schemaName: string;
  validatorName: string;
  /** Every property the schema declares (across `allOf`). */
  fields: string[];
  /** Properties declared `format: binary`: files on the wire, checked by the client as uploads. */
  uploadFields: string[];
}

/** An operation's request body: its media type, its variants and how one is chosen. */
export interface RequestBodyEntry {
  operationId: string;
  path: string;
  method: string;
  mediaType: string;
  selector: VariantSelector;
  variants: RequestVariant[];
}

/** A JSON response body that gets a validator. */
export interface ResponseEntry {
  name: string;
  validatorName: string;
  /** JSON pointer into the spec document. */
  pointer: string;
  /** TypeScript type expression, relative to `components` in the generated types. */
  typeExpression: string;
}

/** Everything the generator derives from the spec's operations. */
export interface Catalog {
  requestBodies: RequestBodyEntry[];
  responses: ResponseEntry[];
}

/** Walks every operation of the spec and lists request-body variants and JSON response bodies. */
export function buildCatalog(document: OpenApiDocument): Catalog {
  const requestBodies: RequestBodyEntry[] = [];
  const responses = new Map<string, ResponseEntry>();
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) {
        requestBodies.push({
          operationId: operation.operationId,
          path,
          method,
          mediaType,
          ...describeVariants(document, media.schema),
        });
      }
      for (const response of Object.values(operation.responses)) {
        const entry = describeJsonResponse(document, response);
        if (entry) responses.set(entry.name, entry);
      }
    }
  }
  return { requestBodies, responses: [...responses.values()] };
}

function describeVariants(
  document: OpenApiDocument,
  schema: SchemaObject,
): Pick<RequestBodyEntry, 'selector' | 'variants'> {
  const variant = (ref: string) => describeVariant(document, schemaRefName(ref));
  if (schema.oneOf) {
    return { selector: { kind: 'oneOf' }, variants: schema.oneOf.map((branch) => variant(requireRef(branch))) };
  }
  const root = document.components.schemas[schemaRefName(requireRef(schema))];
  const discriminator = root?.discriminator;
  if (!root || !discriminator?.mapping)
    return { selector: { kind: 'single' }, variants: [variant(requireRef(schema))] };
  const mapping = Object.fromEntries(
    Object.entries(discriminator.mapping).map(([value, ref]) => [value, schemaRefName(ref)]),
  );
  const property = root.properties?.[discriminator.propertyName];
  const defaultValue = property ? resolveSchema(document, property).default : undefined;
  const targets = [...new Set(Object.values(discriminator.mapping))];
  return {
    selector: {
      kind: 'discriminator',
      propertyName: discriminator.propertyName,
      ...(typeof defaultValue === 'string' ? { defaultValue } : {}),
      mapping,
    },
    variants: targets.map(variant),
  };
}

function describeVariant(document: OpenApiDocument, schemaName: string): RequestVariant {
  const schema = document.components.schemas[schemaName];
  if (!schema) throw new Error(`dangling schema reference: ${schemaName}`);
  const properties = collectProperties(document, schema);
  const uploadFields = Object.entries(properties)
    .filter(([, property]) => resolveSchema(document, property).format === 'binary')
    .map(([name]) => name);
  return { schemaName, validatorName: `validate${schemaName}`, fields: Object.keys(properties).sort(), uploadFields };
}

function describeJsonResponse(
  document: OpenApiDocument,
  raw: Parameters<typeof resolveResponse>[1],
): ResponseEntry | undefined {
  const { name: responseName, response } = resolveResponse(document, raw);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schemaRefName(schema.$ref);
    return {
      name,
      validatorName: `validate${name}`,
      pointer: schema.$ref,
      typeExpression: `components['schemas']['${name}']`,
    };
  }
  if (!responseName) throw new Error('an inline JSON response schema outside #/components/responses has no name');
  return {
    name: responseName,
    validatorName: `validate${responseName}`,
    pointer: `#/components/responses/${responseName}/content/application~1json/schema`,
    typeExpression: `components['responses']['${responseName}']['content']['application/json']`,
  };
}

function requireRef(schema: SchemaObject): string {
  if (!schema.$ref) throw new Error('request-body schemas must be $refs to named components');
  return schema.$ref;
}

/** Follows `$ref`s to `#/components/schemas/X` until a schema without one. */
export function resolveSchema(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 32) throw new Error(`reference cycle at ${current.$ref}`);
    const target = document.components.schemas[schemaRefName(current.$ref)];
    if (!target) throw new Error(`dangling schema reference: ${current.$ref}`);
    current = target;
  }
  return current;
}

/** The properties of an object schema, merged across `allOf` branches. */
export function collectProperties(document: OpenApiDocument, schema: SchemaObject): Record<string, SchemaObject> {
  const resolved = resolveSchema(document, schema);
  const merged: Record<string, SchemaObject> = {};
  for (const branch of resolved.allOf ?? []) Object.assign(merged, collectProperties(document, branch));
  return Object.assign(merged, resolved.properties);
}
