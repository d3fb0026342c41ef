import {
  collectProperties,
  collectRequired,
  type OpenApiDocument,
  resolveSchema,
  type SchemaObject,
} from '../../scripts/generate/spec.js';

/** The constraint keywords the coverage test exercises. */
export const constraintKeywords = [
  'required',
  'enum',
  'minimum',
  'maximum',
  'multipleOf',
  'maxLength',
  'minItems',
  'type',
] as const;

/** One of {@link constraintKeywords}. */
export type ConstraintKeyword = (typeof constraintKeywords)[number];

/** One constraint of a request-body schema, and a value that breaks it and nothing else at its place. */
export interface Constraint {
  keyword: ConstraintKeyword;
  /** Where the value lives in the body, e.g. `['text_prompts', 0, 'text']`. */
  path: Array<string | number>;
  /** The value that violates the constraint, or `undefined` to leave the field out (for `required`). */
  violation: unknown;
}

/** A value that satisfies `schema`, built from its own keywords; `overrides` fixes named top-level properties. */
export function sampleValue(
  document: OpenApiDocument,
  schema: SchemaObject,
  overrides: Record<string, unknown> = {},
): unknown {
  const resolved = resolveSchema(document, schema);
  if (resolved.allOf || resolved.properties) {
    const properties = collectProperties(document, resolved);
    return Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [
        name,
        name in overrides ? overrides[name] : sampleValue(document, property.schema),
      ]),
    );
  }
  if (resolved.enum) return resolved.enum[0];
  switch (resolved.type) {
    case 'string':
      return 'a';
    case 'integer':
    case 'number':
      return sampleNumber(resolved);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, minItems(resolved)) }, () => sampleValue(document, itemsOf(resolved)));
    case 'object':
      return {};
    default:
      throw new Error(`no sample for schema ${JSON.stringify(resolved)}`);
  }
}

function sampleNumber(schema: SchemaObject): number {
  const { minimum, maximum, multipleOf } = schema as { minimum?: number; maximum?: number; multipleOf?: number };
  let value = typeof schema.default === 'number' ? schema.default : (minimum ?? Math.min(0, maximum ?? 0));
  if (multipleOf) value = Math.ceil(value / multipleOf) * multipleOf;
  if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
    throw new Error(`no number fits ${JSON.stringify(schema)}`);
  }
  return value;
}

/** Every constraint of `schema` and the properties and items below it, with the path to each. */
export function listConstraints(
  document: OpenApiDocument,
  schema: SchemaObject,
  path: Array<string | number> = [],
): Constraint[] {
  const resolved = resolveSchema(document, schema);
  const constraints: Constraint[] = [];
  if (path.length > 0) constraints.push(...leafConstraints(document, resolved, path));
  if (resolved.allOf || resolved.properties) {
    for (const name of collectRequired(document, resolved)) {
      constraints.push({ keyword: 'required', path: [...path, name], violation: undefined });
    }
    for (const [name, property] of Object.entries(collectProperties(document, resolved))) {
      constraints.push(...listConstraints(document, property.schema, [...path, name]));
    }
  }
  if (resolved.type === 'array') constraints.push(...listConstraints(document, itemsOf(resolved), [...path, 0]));
  return constraints;
}

function leafConstraints(document: OpenApiDocument, schema: SchemaObject, path: Array<string | number>): Constraint[] {
  const at = (keyword: ConstraintKeyword, violation: unknown): Constraint => ({ keyword, path, violation });
  const constraints: Constraint[] = [];
  const valid = sampleValue(document, schema);
  const { minimum, maximum, multipleOf, maxLength } = schema as Record<string, number | undefined>;
  if (schema.type) constraints.push(at('type', wrongType(schema.type)));
  if (schema.enum) constraints.push(at('enum', typeof schema.enum[0] === 'number' ? -123456.5 : '__not_in_enum__'));
  if (minimum !== undefined) constraints.push(at('minimum', minimum - 1));
  if (maximum !== undefined) constraints.push(at('maximum', maximum + 1));
  if (multipleOf !== undefined) {
    constraints.push(at('multipleOf', (valid as number) + (schema.type === 'integer' ? 1 : multipleOf / 2)));
  }
  if (maxLength !== undefined) constraints.push(at('maxLength', 'a'.repeat(maxLength + 1)));
  if (schema.type === 'array' && minItems(schema) > 0) {
    const item = sampleValue(document, itemsOf(schema));
    constraints.push(
      at(
        'minItems',
        Array.from({ length: minItems(schema) - 1 }, () => item),
      ),
    );
  }
  return constraints;
}

function wrongType(type: string): unknown {
  return type === 'string' ? 12345 : `not of type ${type}`;
}

function minItems(schema: SchemaObject): number {
  return typeof schema.minItems === 'number' ? schema.minItems : 0;
}

function itemsOf(schema: SchemaObject): SchemaObject {
  if (!schema.items) throw new Error('array schema without items');
  return schema.items;
}

/** A deep copy of `body` with the value at `path` replaced by `value`, or removed when `value` is undefined. */
export function withValueAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}
