import { describe, expect, it } from 'vitest';
import { buildCatalog, type RequestBodyEntry } from '../scripts/generate/catalog.js';
import { requestBodies } from '../src/generated/request-bodies.js';
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
const catalog = buildCatalog(document);

/** The discriminator value that selects `schemaName`, if the body has a discriminator. */
function discriminatorOverride(body: RequestBodyEntry, schemaName: string): Record<string, unknown> {
  if (body.selector.kind !== 'discriminator') return {};
  const value = Object.entries(body.selector.mapping).find(([, target]) => target === schemaName)?.[0];
  return { [body.selector.propertyName]: value };
}

function validatorFor(operationId: string, schemaName: string): Validator<unknown> {
  const operation = requestBodies[operationId as keyof typeof requestBodies];
  const variant = (operation.variants as Record<string, { validate: Validator<unknown> }>)[schemaName];
  if (!variant) throw new Error(`no generated validator for ${operationId} ${schemaName}`);
  return variant.validate;
}

/** Where an issue points: the instance path, plus the missing property for `required`. */
function issuePath(issue: SchemaIssue): string {
  const missing = issue.keyword === 'required' ? `/${String(issue.params.missingProperty)}` : '';
  return issue.instancePath + missing;
}

const variants = catalog.requestBodies.flatMap((body) =>
  body.variants.map((variant) => {
    const schema = document.components.schemas[variant.schemaName];
    if (!schema) throw new Error(`missing schema ${variant.schemaName}`);
    return {
      name: `${body.operationId} / ${variant.schemaName}`,
      validate: validatorFor(body.operationId, variant.schemaName),
      validBody: sampleValue(document, schema, discriminatorOverride(body, variant.schemaName)),
      constraints: listConstraints(document, schema),
    };
  }),
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
