import { requestBodies } from '../generated/request-bodies.js';
import type { SchemaIssue, Validator } from '../generated/validators.js';
import { engineDimensionIssues, upscaleBranch } from './engine-rules.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import type { Accept } from './options.js';
import { isUpload } from './uploads.js';

/** Operations whose request body the client validates. */
export type BodyOperation = keyof typeof requestBodies;

interface Variant {
  validate: Validator<unknown>;
  fields: readonly string[];
  uploadFields: readonly string[];
}

const variantsOf = (operation: BodyOperation) => requestBodies[operation].variants as Record<string, Variant>;

/** Field names per variant, and per operation across all its variants: computed once, at load. */
const fieldsOfVariant = new Map<Variant, ReadonlySet<string>>();
const fieldsOfOperation = new Map<BodyOperation, ReadonlySet<string>>();
for (const operation of Object.keys(requestBodies) as BodyOperation[]) {
  const variants = Object.values(variantsOf(operation));
  for (const variant of variants) fieldsOfVariant.set(variant, new Set(variant.fields));
  fieldsOfOperation.set(operation, new Set(variants.flatMap((variant) => variant.fields)));
}

/** Stands in for an upload when the schema (which types files as strings) checks the other fields. */
const uploadPlaceholder = '<upload>';

/**
 * Checks a request body against the spec's schema for its variant and the rules the spec states in
 * prose, and throws one {@link ValidationError} listing every issue. Returns nothing when it is valid.
 */
export function assertValidRequest(operation: BodyOperation, engineId: string, body: unknown, accept: Accept): void {
  const issues = requestIssues(operation, engineId, body, accept);
  if (issues.length > 0) throw new ValidationError(operation, issues);
}

/** Every issue of a request body; empty when it may be sent. */
export function requestIssues(
  operation: BodyOperation,
  engineId: string,
  body: unknown,
  accept: Accept,
): ValidationIssue[] {
  if (typeof engineId !== 'string' || engineId === '') {
    return [{ path: '', rule: 'engine_id', message: 'engine id must be a non-empty string' }];
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '', rule: 'type', message: 'request body must be an object' }];
  }
  const fields = body as Record<string, unknown>;
  const candidates = candidateVariants(operation, engineId, fields);
  const issues = [
    ...uploadIssues(candidates, fields),
    ...schemaIssues(candidates, withUploadPlaceholders(candidates, fields)),
    ...unknownFieldIssues(operation, candidates, fields),
    ...proseRuleIssues(operation, engineId, fields, accept),
  ];
  return [...discriminatorIssues(operation, fields, issues), ...issues];
}

/** The variants a body may be: the one its discriminator or engine selects, or every branch when unknown. */
function candidateVariants(operation: BodyOperation, engineId: string, body: Record<string, unknown>): Variant[] {
  const { selector } = requestBodies[operation];
  const variants = variantsOf(operation);
  const all = Object.values(variants);
  if (selector.kind === 'discriminator') {
    const mapping: Record<string, string> = selector.mapping;
    const value = body[selector.propertyName] ?? ('defaultValue' in selector ? selector.defaultValue : undefined);
    const chosen = typeof value === 'string' ? mapping[value] : undefined;
    return [chosen ? (variants[chosen] as Variant) : (all[0] as Variant)];
  }
  if (selector.kind === 'oneOf') {
    // Every upscale body with only `image` matches both branches, so strict oneOf would refuse it;
    // the spec says the branch follows the engine (ESRGAN vs latent upscaler).
    const branch = upscaleBranch(engineId);
    return branch ? [variants[branch] as Variant] : all;
  }
  return all;
}

function uploadIssues(candidates: Variant[], body: Record<string, unknown>): ValidationIssue[] {
  return uploadFieldsOf(candidates)
    .filter((field) => body[field] !== undefined && !isUpload(body[field]))
    .map((field) => ({
      path: `/${field}`,
      rule: 'upload',
      message: 'must be a Blob, File, ArrayBuffer or typed array (Uint8Array, Buffer); in Node, fileFromPath(path)',
    }));
}

function withUploadPlaceholders(candidates: Variant[], body: Record<string, unknown>): Record<string, unknown> {
  const view = { ...body };
  for (const field of uploadFieldsOf(candidates)) if (view[field] !== undefined) view[field] = uploadPlaceholder;
  return view;
}

function uploadFieldsOf(candidates: Variant[]): string[] {
  return [...new Set(candidates.flatMap((variant) => variant.uploadFields))];
}

/** No issue when some candidate accepts the body; else the last candidate's (the most permissive branch). */
function schemaIssues(candidates: Variant[], body: Record<string, unknown>): ValidationIssue[] {
  if (candidates.some((variant) => variant.validate(body))) return [];
  return (candidates.at(-1)?.validate.errors ?? []).map(toValidationIssue);
}

function toValidationIssue(issue: SchemaIssue): ValidationIssue {
  if (issue.keyword === 'required') {
    return {
      path: `${issue.instancePath}/${String(issue.params.missingProperty)}`,
      rule: 'required',
      message: 'is required',
    };
  }
  const allowed = issue.params.allowedValues;
  const message = Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : (issue.message ?? 'is invalid');
  return { path: issue.instancePath, rule: issue.keyword, message };
}

/** A discriminator value outside the spec's mapping (MaskSource has no enum: the values come from the mapping). */
function discriminatorIssues(
  operation: BodyOperation,
  body: Record<string, unknown>,
  issues: ValidationIssue[],
): ValidationIssue[] {
  const { selector } = requestBodies[operation];
  if (selector.kind !== 'discriminator') return [];
  const path = `/${selector.propertyName}`;
  const value = body[selector.propertyName];
  if (value === undefined || (typeof value === 'string' && value in selector.mapping)) return [];
  if (issues.some((issue) => issue.path === path && (issue.rule === 'enum' || issue.rule === 'type'))) return [];
  return [{ path, rule: 'enum', message: `must be one of ${Object.keys(selector.mapping).join(', ')}` }];
}

/**
 * Fields none of the candidate variants declares: the API would ignore them (a typo such as `cfgScale`).
 * For a discriminated body every variant's fields count, so a field of the other mode is not refused.
 */
function unknownFieldIssues(
  operation: BodyOperation,
  candidates: Variant[],
  body: Record<string, unknown>,
): ValidationIssue[] {
  const [only] = candidates;
  const discriminated = requestBodies[operation].selector.kind === 'discriminator';
  const known =
    (only && candidates.length === 1 && !discriminated ? fieldsOfVariant.get(only) : undefined) ??
    (fieldsOfOperation.get(operation) as ReadonlySet<string>);
  return Object.keys(body)
    .filter((field) => !known.has(field) && body[field] !== undefined)
    .map((field) => ({
      path: `/${field}`,
      rule: 'unknown-field',
      message: `is not a field of ${operation} for this engine; it would be ignored (fields: ${[...known].sort().join(', ')})`,
    }));
}

function proseRuleIssues(
  operation: BodyOperation,
  engineId: string,
  body: Record<string, unknown>,
  accept: Accept,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (accept !== 'application/json' && accept !== 'image/png') {
    issues.push({ path: 'options.accept', rule: 'enum', message: 'must be application/json or image/png' });
  }
  if (accept === 'image/png' && typeof body.samples === 'number' && body.samples > 1) {
    issues.push({
      path: '/samples',
      rule: 'samples-accept',
      message: 'must be 1 with accept image/png (one PNG per response); use accept application/json for several',
    });
  }
  if (operation === 'textToImage') issues.push(...engineDimensionIssues(engineId, body));
  if (operation === 'upscaleImage' && body.width !== undefined && body.height !== undefined) {
    issues.push({ path: '/height', rule: 'upscale-one-dimension', message: 'give width or height, not both' });
  }
  return issues;
}
