import { buildCatalog, resolveSchema } from '../generate/catalog.js';
import { type OpenApiDocument, schemaRefName } from '../generate/spec.js';
import { samplePng } from '../sample-image.js';

/**
 * Every change the Prism-only copy of the spec makes, and why. The project's spec stays as it is:
 * this copy exists only while Prism runs for the contract tests and the demo. The client's own
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
      for (const body of buildCatalog(spec).requestBodies.filter(
        (entry) => entry.mediaType === 'multipart/form-data',
      )) {
        // Prism validates against the operation's own schema (which may be a discriminator root), not the variants.
        const root = spec.paths[body.path]?.[body.method]?.requestBody?.content[body.mediaType]?.schema.$ref;
        const names = [...body.variants.map((variant) => variant.schemaName), root && schemaRefName(root)];
        for (const name of names) if (name) dropNestedRequired(spec, name);
      }
    },
  },
  {
    change: 'upscale request body: oneOf [ESRGAN, Latent] becomes anyOf',
    reason:
      '`{image}` matches both branches, so strict oneOf refuses every valid upscale body; the client picks the branch from the engine id.',
    apply: (spec) => {
      const media =
        spec.paths['/v1/generation/{engine_id}/image-to-image/upscale']?.post?.requestBody?.content[
          'multipart/form-data'
        ];
      if (!media?.schema.oneOf) throw new Error('the upscale body is no longer a oneOf: revisit this change');
      media.schema = { anyOf: media.schema.oneOf };
    },
  },
  {
    change: "Error: 'status' dropped from required",
    reason: "'status' is not a property and the API never sends it: Prism would flag its own error examples.",
    apply: (spec) => {
      const error = spec.components.schemas.Error;
      if (error?.required) error.required = error.required.filter((name) => name !== 'status');
    },
  },
  {
    change: 'Content-Length response header no longer required',
    reason: 'Prism reports it missing on every generation response although it sends one: a false response violation.',
    apply: (spec) => {
      const header = (spec.components.headers as Record<string, { required?: boolean }> | undefined)?.[
        'Content-Length'
      ];
      if (header) header.required = false;
    },
  },
  {
    change: "Image example: the placeholder base64 '...very long string...' becomes a real 64x64 PNG's",
    reason:
      'The placeholder is not base64, and the client refuses invalid base64 with a ResponseFormatError as the API ' +
      'documents images as base64-encoded PNGs: every JSON-mode generation from Prism would fail. Seeds, finish ' +
      'reasons and the (nested) shape of the example stay as the spec has them.',
    apply: (spec) => {
      const examples = spec.components.schemas.Image?.example;
      if (!Array.isArray(examples))
        throw new Error('Image.example is no longer an array of images: revisit this change');
      const base64 = Buffer.from(samplePng(64, 64)).toString('base64');
      for (const example of examples as { base64?: string }[]) example.base64 = base64;
    },
  },
];

function dropNestedRequired(spec: OpenApiDocument, schemaName: string): void {
  const schema = spec.components.schemas[schemaName];
  for (const part of [schema, ...(schema?.allOf ?? [])]) {
    if (!part?.required || !part.properties) continue;
    const properties = part.properties;
    part.required = part.required.filter((name) => {
      const property = properties[name];
      const target = property && resolveSchema(spec, property);
      return target?.type !== 'array' && target?.type !== 'object';
    });
  }
}

/** A copy of the spec with {@link prismSpecChanges} applied. */
export function derivePrismSpec(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const { apply } of prismSpecChanges) apply(copy);
  return copy;
}
