import { describe, expect, it } from 'vitest';
import { buildModel, type RequestMediaModel } from '../scripts/generate/model.js';
import { resolvePointer, type SchemaObject } from '../scripts/generate/spec.js';
import { type OperationEntry, operations } from '../src/generated/operations.js';
import type { SchemaIssue, Validator } from '../src/generated/validators.js';
import {
  type Constraint,
  constraintKeywords,
  listConstraints,
  sampleValue,
  withValueAt,
} from './helpers/constraints.js';
import { specDocument } from './helpers/spec.js';

const document = specDocument();
const model = buildModel(document);

/** The discriminator value that selects `variantName`, if the body has a discriminator. */
function discriminatorOverride(media: RequestMediaModel, variantName: string): Record<string, unknown> {
  if (media.selector.kind !== 'discriminator') return {};
  const value = Object.entries(media.selector.mapping).find(([, target]) => target === variantName)?.[0];
  return { [media.selector.propertyName]: value };
}

/** The validator the committed operation table holds for a variant. */
function validatorFor(operationId: string, mediaType: string, variantName: string): Validator<unknown> {
  const entry: OperationEntry | undefined = (operations as Record<string, OperationEntry>)[operationId];
  const media = entry?.request?.media.find((item) => item.mediaType === mediaType);
  const variant = media?.variants.find((item) => item.name === variantName);
  if (!variant) throw new Error(`no generated validator for ${operationId} ${variantName}`);
  return variant.validate;
}

/** Where an issue points: the instance path, plus the missing property for `required`. */
function issuePath(issue: SchemaIssue): string {
  const missing = issue.keyword === 'required' ? `/${String(issue.params.missingProperty)}` : '';
  return issue.instancePath + missing;
}

const variants = model.operations.flatMap((operation) =>
  (operation.request?.media ?? []).flatMap((media) =>
    media.variants.map((variant) => {
      const schema = resolvePointer(document, variant.pointer, variant.pointer) as SchemaObject;
      return {
        name: `${operation.operationId} / ${variant.name}`,
        validate: validatorFor(operation.operationId, media.mediaType, variant.name),
        validBody: sampleValue(document, schema, discriminatorOverride(media, variant.name)),
        constraints: listConstraints(document, schema),
      };
    }),
  ),
);

const counts = new Map<string, number>();

describe('generated request-body validators cover every constraint of the spec', () => {
  it('finds a variant for every request-body schema the spec declares', () => {
    expect(variants.map((variant) => variant.name).sort()).toEqual([
      'imageToImage / ImageToImageUsingImageStrengthRequestBody',
      'imageToImage / ImageToImageUsingStepScheduleRequestBody',
      'masking / MaskingUsingInitImageAlphaRequestBody',
      'masking / MaskingUsingMaskImageRequestBody',
      'textToImage / TextToImageRequestBody',
      'upscaleImage / LatentUpscalerUpscaleRequestBody',
      'upscaleImage / RealESRGANUpscaleRequestBody',
    ]);
  });

  describe.each(variants)('$name', ({ validate, validBody, constraints }) => {
    it('accepts a body with every property set to a valid value', () => {
      expect(validate(validBody), JSON.stringify(validate.errors)).toBe(true);
    });

    it.each(constraints.map((constraint) => [`${constraint.keyword} at /${constraint.path.join('/')}`, constraint]))(
      'rejects a body that breaks %s',
      (_label, constraint: Constraint) => {
        const body = withValueAt(validBody, constraint.path, constraint.violation);
        expect(validate(body)).toBe(false);
        const reported = (validate.errors ?? []).map((issue) => `${issue.keyword} ${issuePath(issue)}`);
        expect(reported).toContain(`${constraint.keyword} /${constraint.path.join('/')}`);
        counts.set(constraint.keyword, (counts.get(constraint.keyword) ?? 0) + 1);
      },
    );
  });

  it('covered every kind of constraint at least once', () => {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `constraint coverage: ${total} constraints in ${variants.length} variants (${constraintKeywords
        .map((keyword) => `${keyword} ${counts.get(keyword) ?? 0}`)
        .join(', ')})`,
    );
    expect(total).toBe(variants.reduce((sum, variant) => sum + variant.constraints.length, 0));
    for (const keyword of constraintKeywords) expect(counts.get(keyword), keyword).toBeGreaterThan(0);
  });
});
