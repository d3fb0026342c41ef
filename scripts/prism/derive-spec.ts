import { decodeBase64 } from '../../src/wrappers/artifacts.js';
import { repairSpec } from '../generate/repairs.js';
import {
  collectProperties,
  follow,
  httpMethods,
  type OpenApiDocument,
  type OperationObject,
  type SchemaObject,
} from '../generate/spec.js';
import { samplePng } from '../sample-image.js';

/**
 * Every change the Prism-only copy of the spec makes, and why. The project's spec stays as it is: this copy
 * exists only while Prism runs for the contract tests, the spec-variant tests and the demo. Each change is
 * written for any revision of the spec (it finds what it changes), not for ours alone. The client's own
 * multipart encoding is checked against the real schemas by the wire tests, not by Prism.
 */
export const prismSpecChanges: ReadonlyArray<{
  change: string;
  reason: string;
  apply: (spec: OpenApiDocument) => void;
}> = [
  {
    change: 'multipart request bodies: array and object fields (text_prompts) are no longer required',
    reason:
      'Prism reads `text_prompts[0][text]` as a field literally named so and never sees `text_prompts` ' +
      '(Prism issue 2380, unfixed): every correct image-to-image and masking request would get a 400.',
    apply: (spec) => {
      for (const { operation } of operationsOf(spec)) {
        const media = operation.requestBody && follow(spec, operation.requestBody, '#').value.content;
        const schema = media?.['multipart/form-data']?.schema;
        if (schema) dropNestedRequired(spec, schema, new Set());
      }
    },
  },
  {
    change: 'request bodies: oneOf becomes anyOf',
    reason:
      'An upscale body `{image}` matches both the ESRGAN and the Latent Upscaler branch, so strict oneOf refuses ' +
      'every valid upscale body; the client picks the branch from the engine id.',
    apply: (spec) => {
      for (const { operation } of operationsOf(spec)) {
        const content = operation.requestBody && follow(spec, operation.requestBody, '#').value.content;
        for (const media of Object.values(content ?? {})) {
          const schema = media.schema && follow(spec, media.schema, '#').value;
          if (schema?.oneOf) {
            schema.anyOf = schema.oneOf;
            delete schema.oneOf;
          }
        }
      }
    },
  },
  {
    change: 'required names that are not declared properties are dropped',
    reason:
      "Error.required lists 'status', which is not a property and the API never sends: Prism would flag its own error examples.",
    apply: (spec) => {
      for (const schema of Object.values(spec.components?.schemas ?? {})) {
        if (!schema.required || !schema.properties || schema.allOf) continue;
        const properties = schema.properties;
        schema.required = schema.required.filter((name) => name in properties);
      }
    },
  },
  {
    change: 'Content-Length response headers no longer required',
    reason: 'Prism reports it missing on every generation response although it sends one: a false response violation.',
    apply: (spec) => {
      const headers = [
        ...Object.entries(spec.components?.headers ?? {}),
        ...operationsOf(spec).flatMap(({ operation }) =>
          Object.values(operation.responses ?? {}).flatMap((response) => Object.entries(response.headers ?? {})),
        ),
      ];
      for (const [name, header] of headers) if (name.toLowerCase() === 'content-length') header.required = false;
    },
  },
  {
    change:
      "example images: placeholder base64 text (our Image.example's '...very long string...') becomes a real 64x64 PNG's",
    reason:
      'The placeholder is not base64, and the client refuses invalid base64 with a ResponseFormatError as the API ' +
      'documents images as base64-encoded PNGs: every JSON-mode generation from Prism would fail. Seeds, finish ' +
      'reasons and the (nested) shape of the examples stay as the spec has them.',
    apply: (spec) => {
      const base64 = Buffer.from(samplePng(64, 64)).toString('base64');
      replaceInvalidBase64(spec, base64, false);
    },
  },
  {
    change: 'media type parameters with a "/" in their value are quoted (`application/json; type="image/png"`)',
    reason:
      'Later revisions declare `application/json; type=image/png`; Prism parses response media types with the ' +
      '`content-type` package, which throws on the unquoted slash and kills the mock server.',
    apply: (spec) => {
      for (const { operation } of operationsOf(spec)) {
        for (const response of Object.values(operation.responses ?? {})) {
          if (!response.content) continue;
          response.content = Object.fromEntries(
            Object.entries(response.content).map(([type, media]) => [
              type.replace(/;\s*([\w-]+)=([^";]*\/[^";]*)/g, '; $1="$2"'),
              media,
            ]),
          );
        }
      }
    },
  },
];

function operationsOf(spec: OpenApiDocument): Array<{ path: string; operation: OperationObject }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    httpMethods.flatMap((method) => (item[method] ? [{ path, operation: item[method] as OperationObject }] : [])),
  );
}

/** Drops required names whose property is an array or an object, in the schema and every part of it. */
function dropNestedRequired(spec: OpenApiDocument, schema: SchemaObject, seen: Set<SchemaObject>): void {
  const resolved = follow(spec, schema, '#').value;
  if (seen.has(resolved)) return;
  seen.add(resolved);
  const properties = collectProperties(spec, resolved);
  if (resolved.required) {
    resolved.required = resolved.required.filter((name) => {
      const property = properties[name];
      const type = property && follow(spec, property.schema, property.pointer).value.type;
      return type !== 'array' && type !== 'object';
    });
  }
  for (const part of [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])]) {
    dropNestedRequired(spec, part, seen);
  }
  for (const ref of Object.values(resolved.discriminator?.mapping ?? {})) dropNestedRequired(spec, { $ref: ref }, seen);
}

/** Properties of JSON images that hold base64: v1's `base64`, v2's `image`. */
const imageKeys = new Set(['base64', 'image']);

/** Replaces every image text (`base64`, `image`) under an `example`/`examples` that is not valid base64. */
function replaceInvalidBase64(value: unknown, base64: string, inExample: boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) replaceInvalidBase64(item, base64, inExample);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  // A property schema's own example, e.g. `image: { type: string, example: 'AAAAIGZ0...' }`.
  const properties = object.properties as Record<string, { example?: unknown }> | undefined;
  for (const key of imageKeys) {
    const example = properties?.[key]?.example;
    if (typeof example === 'string' && !decodeBase64(example))
      (properties?.[key] as { example: string }).example = base64;
  }
  for (const [key, child] of Object.entries(object)) {
    if (inExample && imageKeys.has(key) && typeof child === 'string' && !decodeBase64(child)) object[key] = base64;
    else replaceInvalidBase64(child, base64, inExample || key === 'example' || key === 'examples');
  }
}

/** A copy of the spec, repaired as the generator repairs it, with {@link prismSpecChanges} applied. */
export function derivePrismSpec(document: OpenApiDocument): OpenApiDocument {
  const copy = repairSpec(document).document;
  for (const { apply } of prismSpecChanges) apply(copy);
  return copy;
}
