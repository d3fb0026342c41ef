import type { OperationModel, VariantModel } from './generate/model.js';
import {
  collectProperties,
  collectRequired,
  follow,
  type OpenApiDocument,
  type SchemaObject,
} from './generate/spec.js';
import { samplePng } from './sample-image.js';

/**
 * Calls the spec accepts, made from the spec itself: for the demo, the spec-variant tests and anyone
 * trying a new revision. Path values come from the parameters' examples, bodies hold only what the
 * variant requires (plus its discriminator value), files are small PNGs.
 */

/** One call of an operation: the arguments of its method, and which body variant they exercise. */
export interface SampleCall {
  /** The body variant, when the operation takes a body. */
  variant?: string;
  args: unknown[];
}

/** A valid call for each body variant of the operation (one call when it takes no body). */
export function sampleCalls(document: OpenApiDocument, operation: OperationModel): SampleCall[] {
  const pathArgs = operation.parameters
    .filter((parameter) => parameter.in === 'path')
    .map((parameter) => String(parameter.examples[0] ?? parameter.enum?.[0] ?? parameter.default ?? 'sample'));
  const media = operation.request?.media[0];
  if (!media) return [{ args: pathArgs }];
  if (media.variants.length === 0)
    return [{ args: [...pathArgs, media.encoding === 'binary' ? samplePng(8, 8) : 'a'] }];
  return media.variants.map((variant) => {
    const discriminator =
      media.selector.kind === 'discriminator'
        ? Object.entries(media.selector.mapping).find(([, name]) => name === variant.name)
        : undefined;
    const body = sampleBody(document, variant);
    if (discriminator && media.selector.kind === 'discriminator') body[media.selector.propertyName] = discriminator[0];
    return { variant: variant.name, args: [...pathArgs, body] };
  });
}

/**
 * For an operation that answers images, the two forms worth asking for: JSON and an image type (from its
 * `Accept` parameter's enum when it declares one, e.g. `image/*`, else from its response media types).
 */
export function imageAccepts(operation: OperationModel): [string, string] | undefined {
  const success = operation.responses.find((response) => response.media.some((media) => media.kind === 'image'));
  if (!success) return undefined;
  const accept = operation.parameters.find(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'accept',
  );
  const offered = (accept?.enum as string[] | undefined) ?? success.media.map((media) => media.mediaType);
  const json = offered.find((value) => value.includes('json')) ?? 'application/json';
  const image =
    offered.find((value) => value.startsWith('image/') || value === '*/*') ??
    success.media.find((media) => media.kind === 'image')?.mediaType;
  return image ? [json, image] : undefined;
}

/** A body of the variant with only its required fields. */
function sampleBody(document: OpenApiDocument, variant: VariantModel): Record<string, unknown> {
  return sampleValue(document, { $ref: variant.pointer }, true) as Record<string, unknown>;
}

/**
 * A value that satisfies `schema`: the first enum value, a number within its bounds, a string of its
 * minimum length, an upload (a PNG) for `format: binary`, arrays of their minimum size (at least one),
 * objects with their required properties (or all, when `requiredOnly` is false).
 */
export function sampleValue(document: OpenApiDocument, schema: SchemaObject, requiredOnly: boolean): unknown {
  const { value: resolved, pointer } = follow(document, schema, '#');
  const branch = resolved.oneOf?.[0] ?? resolved.anyOf?.[0];
  if (branch && !resolved.properties && !resolved.allOf) return sampleValue(document, branch, requiredOnly);
  if (resolved.enum) return resolved.enum[0];
  if (resolved.format === 'binary') return samplePng(8, 8);
  if (resolved.type === 'object' || resolved.properties || resolved.allOf) {
    const properties = collectProperties(document, resolved, pointer);
    const wanted = requiredOnly ? collectRequired(document, resolved, pointer) : Object.keys(properties);
    return Object.fromEntries(
      wanted
        .filter((name) => properties[name])
        .map((name) => [
          name,
          sampleValue(document, (properties[name] as { schema: SchemaObject }).schema, requiredOnly),
        ]),
    );
  }
  switch (resolved.type) {
    case 'array': {
      const count = Math.max(1, typeof resolved.minItems === 'number' ? resolved.minItems : 0);
      return Array.from({ length: count }, () => sampleValue(document, resolved.items ?? {}, requiredOnly));
    }
    case 'integer':
    case 'number':
      return sampleNumber(resolved);
    case 'boolean':
      return true;
    default:
      return sampleString(resolved);
  }
}

function sampleNumber(schema: SchemaObject): number {
  const bound = (name: string) => (typeof schema[name] === 'number' ? (schema[name] as number) : undefined);
  const minimum = bound('minimum') ?? bound('exclusiveMinimum');
  const step = bound('multipleOf') ?? (schema.type === 'integer' ? 1 : undefined);
  let value = typeof schema.default === 'number' ? schema.default : (minimum ?? 0);
  if (step) value = Math.ceil(value / step) * step;
  if (bound('exclusiveMinimum') !== undefined && value <= (bound('exclusiveMinimum') as number)) value += step ?? 1;
  return value;
}

function sampleString(schema: SchemaObject): string {
  if (typeof schema.default === 'string') return schema.default;
  if (schema.format === 'email') return 'someone@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
  if (typeof schema.example === 'string') return schema.example;
  return 'a'.repeat(Math.max(1, typeof schema.minLength === 'number' ? schema.minLength : 1));
}
