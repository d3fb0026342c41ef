import ts from 'typescript';
import { type OpenApiDocument, resolveSchema, type SchemaObject } from './spec.js';

/**
 * Doc comments for object properties, so an editor's hover on a body field shows what the spec says about
 * it. openapi-typescript documents a property from its own schema only; when that is a `$ref`
 * (`cfg_scale: {$ref: '#/components/schemas/CfgScale'}`), the description, default, range and enum sit
 * on the referenced schema and the property gets no comment. Here the reference is followed (and a
 * lone `allOf` wrapper), the property's own keywords win over the target's, and one comment is written.
 */

/** The keywords a property's comment is made of, after following its reference. */
export function documentedSchema(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const { $ref: _ref, ...own } = schema;
  const target = schema.$ref ? resolveSchema(document, schema) : {};
  const merged: SchemaObject = { ...target, ...own };
  const lone = merged.allOf?.length === 1 ? merged.allOf[0] : undefined;
  return lone ? { ...documentedSchema(document, lone), ...withoutAllOf(merged) } : merged;
}

function withoutAllOf({ allOf: _allOf, ...rest }: SchemaObject): SchemaObject {
  return rest;
}

const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * The schema's bounds in words: numbers (`0 to 35`, exclusive bounds, `multiple of 64`), string lengths and
 * array sizes. `undefined` when it has none.
 */
export function rangeText(schema: SchemaObject): string | undefined {
  const parts: string[] = [];
  const bounds = (low: number | undefined, high: number | undefined, unit: string) => {
    if (low !== undefined && high !== undefined) parts.push(`${low} to ${high}${unit}`);
    else if (low !== undefined) parts.push(`at least ${low}${unit}`);
    else if (high !== undefined) parts.push(`at most ${high}${unit}`);
  };
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; 3.1 as numbers.
  const exclusiveLow = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number';
  const exclusiveHigh = schema.exclusiveMaximum === true || typeof schema.exclusiveMaximum === 'number';
  const low = number(schema.exclusiveMinimum) ?? number(schema.minimum);
  const high = number(schema.exclusiveMaximum) ?? number(schema.maximum);
  if (exclusiveLow || exclusiveHigh) {
    if (low !== undefined) parts.push(`${exclusiveLow ? 'more than' : 'at least'} ${low}`);
    if (high !== undefined) parts.push(`${exclusiveHigh ? 'less than' : 'at most'} ${high}`);
  } else {
    bounds(low, high, '');
  }
  if (number(schema.multipleOf) !== undefined) parts.push(`multiple of ${schema.multipleOf}`);
  bounds(number(schema.minLength), number(schema.maxLength), ' characters');
  bounds(number(schema.minItems), number(schema.maxItems), ' items');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A value as a comment shows it: JSON, on one line. */
const shown = (value: unknown) => JSON.stringify(value);

/** The lines of a property's comment: description, range, allowed values, then tags. */
export function propertyDocLines(schema: SchemaObject): string[] {
  const lines: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const description = text(schema.description) ?? text(schema.title);
  if (description) lines.push(...description.split(/\r?\n/), '');
  const range = rangeText(schema);
  if (range) lines.push(`Range: ${range}.`);
  if (Array.isArray(schema.enum)) lines.push(`One of: ${schema.enum.map(shown).join(', ')}.`);
  if (typeof schema.format === 'string') lines.push(`Format: ${schema.format}.`);
  if (schema.deprecated === true) lines.push('@deprecated');
  if (schema.default !== undefined) lines.push(`@default ${shown(schema.default)}`);
  if (schema.example !== undefined && typeof schema.example !== 'object')
    lines.push(`@example ${shown(schema.example)}`);
  return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}

/** The comment's text as a synthetic `/** ... *\/` block (its body: TypeScript adds the outer slashes). */
function commentText(lines: string[]): string {
  const safe = lines.map((line) => line.replaceAll('*/', '*\\/'));
  return `*\n * ${safe.join('\n * ')}\n `;
}

/**
 * Collects the comment of each property openapi-typescript emits (pass `collect` as its
 * `transformProperty`), then `apply` puts them in place once the AST is built, replacing the comment
 * openapi-typescript adds after the hook runs.
 */
export function propertyDocs(document: OpenApiDocument): {
  collect: (property: ts.PropertySignature, schema: SchemaObject) => ts.PropertySignature;
  apply: () => void;
} {
  const pending: Array<[ts.PropertySignature, string[]]> = [];
  return {
    collect(property, schema) {
      if (schema && typeof schema === 'object')
        pending.push([property, propertyDocLines(documentedSchema(document, schema))]);
      return property;
    },
    apply() {
      for (const [property, lines] of pending) {
        ts.setSyntheticLeadingComments(
          property,
          lines.length > 0
            ? [
                {
                  kind: ts.SyntaxKind.MultiLineCommentTrivia,
                  text: commentText(lines),
                  hasTrailingNewLine: true,
                  pos: -1,
                  end: -1,
                },
              ]
            : undefined,
        );
      }
    },
  };
}
