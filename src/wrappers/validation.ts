import type { OperationEntry, RequestMediaEntry, VariantEntry } from '../generated/operations.js';
import { type SchemaIssue, schemaMessage } from '../generated/validators.js';
import type { ValidationIssue } from './errors.js';
import { branchForEngine, proseRuleIssues } from './prose-rules.js';
import { isUpload } from './uploads.js';

/** One call as the validation sees it: every value that would go on the wire, before anything is sent. */
export interface CallToCheck {
  operation: OperationEntry;
  pathValues: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  /** Header parameters the operation declares, by their spec names (`Accept` included). */
  header: Record<string, unknown>;
  body: unknown;
  /** The request media type chosen, when the operation takes a body. */
  media: RequestMediaEntry | undefined;
  accept: string;
  /** The media types the operation can answer with. */
  acceptValues: readonly string[];
  /** The `contentType` option, if the caller gave one. */
  contentType: string | undefined;
}

/** Stands in for an upload when the schema (which types files as strings) checks the other fields. */
const uploadPlaceholder = '<upload>';

/** Every issue of a call; empty when it may be sent. */
export function callIssues(call: CallToCheck): ValidationIssue[] {
  return [...parameterIssues(call), ...optionIssues(call), ...bodyIssues(call)];
}

/** Path values are also checked by `takeCall` (empty, `.`, `..`), whatever `validate` says; not repeated here. */
function parameterIssues({ operation, pathValues, query, header }: CallToCheck): ValidationIssue[] {
  const validate = operation.validateParameters;
  if (!validate || validate({ path: pathValues, query: query ?? {}, header })) return [];
  return (validate.errors ?? []).map(parameterIssue).filter((issue) => !isEmptyPathIssue(issue, pathValues));
}

/** The schema's `minLength` issue for an empty path value, which `takeCall` already reports as `non-empty`. */
function isEmptyPathIssue(issue: ValidationIssue, pathValues: Record<string, unknown>): boolean {
  return issue.path.startsWith('path.') && pathValues[issue.path.slice('path.'.length)] === '';
}

/** `/path/engine_id` as `path.engine_id`, `/header/Accept` as `options.accept`: where the caller gave the value. */
function parameterIssue(issue: SchemaIssue): ValidationIssue {
  const base = toValidationIssue(issue);
  const [location = '', name = '', ...rest] = base.path.split('/').slice(1);
  const where =
    location === 'header' && name.toLowerCase() === 'accept'
      ? 'options.accept'
      : [location, name, ...rest].filter(Boolean).join('.');
  return { ...base, path: where };
}

function optionIssues({ operation, accept, acceptValues, contentType }: CallToCheck): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const declaresAccept = operation.parameters.some(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'accept',
  );
  if (!declaresAccept && acceptValues.length > 0 && !acceptValues.includes(accept)) {
    issues.push({ path: 'options.accept', rule: 'enum', message: `must be one of ${acceptValues.join(', ')}` });
  }
  const offered = operation.request?.media.map((media) => media.mediaType) ?? [];
  if (contentType !== undefined && !offered.includes(contentType)) {
    issues.push({
      path: 'options.contentType',
      rule: 'enum',
      message: offered.length > 0 ? `must be one of ${offered.join(', ')}` : 'this operation takes no body',
    });
  }
  return issues;
}

function bodyIssues(call: CallToCheck): ValidationIssue[] {
  const { operation, body, media } = call;
  if (!operation.request || !media) return [];
  if (body === undefined) {
    return operation.request.required ? [{ path: '', rule: 'required', message: 'request body is required' }] : [];
  }
  if (media.encoding === 'binary') {
    return isUpload(body)
      ? []
      : [{ path: '', rule: 'upload', message: 'must be a Blob, File, ArrayBuffer or typed array' }];
  }
  if (media.variants.length === 0) return [];
  const objectBody =
    media.encoding === 'multipart' || media.encoding === 'form' || media.variants.some((v) => v.type === 'object');
  if (objectBody && (body === null || typeof body !== 'object' || Array.isArray(body) || isUpload(body))) {
    return [{ path: '', rule: 'type', message: 'request body must be an object' }];
  }
  const fields = body as Record<string, unknown>;
  const candidates = candidateVariants(call, fields);
  const { uploads } = fieldsOf(candidates, media);
  const issues = [
    ...uploadIssues(uploads, fields),
    ...schemaIssues(candidates, withUploadPlaceholders(uploads, fields)),
    ...unknownFieldIssues(call, candidates, fields),
    ...dedupe(candidates.flatMap((variant) => proseRuleIssues({ ...call, variant, body: fields }))),
  ];
  return [...discriminatorIssues(media, fields, issues), ...issues];
}

/** The variants a body may be: the one its discriminator or engine selects, or every branch when unknown. */
function candidateVariants(call: CallToCheck, body: Record<string, unknown>): VariantEntry[] {
  const media = call.media as RequestMediaEntry;
  const { selector, variants } = media;
  if (selector.kind === 'discriminator') {
    const value = body[selector.propertyName] ?? selector.defaultValue;
    const chosen =
      typeof value === 'string' && Object.hasOwn(selector.mapping, value) ? selector.mapping[value] : undefined;
    const variant = variants.find((candidate) => candidate.name === chosen) ?? variants[0];
    return variant ? [variant] : [];
  }
  if (selector.kind === 'oneOf') {
    const branch = branchForEngine(call.operation, variants, call.pathValues);
    return branch ? [branch] : [...variants];
  }
  return [...variants];
}

/** Field names and upload fields of some variants, worked out once per variant or media type, not per call. */
const fieldSets = new WeakMap<object, { names: ReadonlySet<string>; uploads: readonly string[] }>();

/**
 * The fields of `variants`: the candidates of a call are one variant or all variants of the media type, so
 * the one variant, else the media type, keys the cache.
 */
function fieldsOf(variants: readonly VariantEntry[], media: RequestMediaEntry) {
  const key = variants.length === 1 && variants[0] ? variants[0] : media;
  let fields = fieldSets.get(key);
  if (!fields) {
    const all = variants.flatMap((variant) => variant.fields);
    fields = {
      names: new Set(all.map((field) => field.name)),
      uploads: [...new Set(all.filter((field) => field.upload).map((field) => field.name))],
    };
    fieldSets.set(key, fields);
  }
  return fields;
}

function uploadIssues(uploads: readonly string[], body: Record<string, unknown>): ValidationIssue[] {
  return uploads
    .filter((field) => body[field] !== undefined && !isUpload(body[field]))
    .map((field) => ({
      path: `/${field}`,
      rule: 'upload',
      message: 'must be a Blob, File, ArrayBuffer or typed array (Uint8Array, Buffer); in Node, fileFromPath(path)',
    }));
}

function withUploadPlaceholders(uploads: readonly string[], body: Record<string, unknown>): Record<string, unknown> {
  const view = { ...body };
  for (const field of uploads) if (view[field] !== undefined) view[field] = uploadPlaceholder;
  return view;
}

/** No issue when some candidate accepts the body; else the last candidate's (the most permissive branch). */
function schemaIssues(candidates: VariantEntry[], body: Record<string, unknown>): ValidationIssue[] {
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
  const message = Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : schemaMessage(issue);
  return { path: issue.instancePath, rule: issue.keyword, message };
}

/** A discriminator value outside the spec's mapping (MaskSource has no enum: the values come from the mapping). */
function discriminatorIssues(
  media: RequestMediaEntry,
  body: Record<string, unknown>,
  issues: ValidationIssue[],
): ValidationIssue[] {
  const { selector } = media;
  if (selector.kind !== 'discriminator') return [];
  const path = `/${selector.propertyName}`;
  const value = body[selector.propertyName];
  if (value === undefined || (typeof value === 'string' && Object.hasOwn(selector.mapping, value))) return [];
  if (issues.some((issue) => issue.path === path && (issue.rule === 'enum' || issue.rule === 'type'))) return [];
  return [{ path, rule: 'enum', message: `must be one of ${Object.keys(selector.mapping).join(', ')}` }];
}

/**
 * Fields none of the candidate variants declares: the API would ignore them (a typo such as `cfgScale`).
 * For a discriminated body every variant's fields count, so a field of the other mode is not refused. A
 * schema that allows additional properties accepts any field.
 */
function unknownFieldIssues(
  call: CallToCheck,
  candidates: VariantEntry[],
  body: Record<string, unknown>,
): ValidationIssue[] {
  const media = call.media as RequestMediaEntry;
  if (candidates.length === 0 || candidates.some((variant) => !variant.closed)) return [];
  const source = media.selector.kind === 'discriminator' ? media.variants : candidates;
  const known = fieldsOf(source, media).names;
  return Object.keys(body)
    .filter((field) => !known.has(field) && body[field] !== undefined)
    .map((field) => ({
      path: `/${field}`,
      rule: 'unknown-field',
      message: `is not a field of ${call.operation.operationId}${candidates.length === 1 && source === candidates ? ` (${candidates[0]?.name})` : ''}; it would be ignored (fields: ${[...known].sort().join(', ')})`,
    }));
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
