import type { SpecModel } from './model.js';
import { collectProperties, follow, type OpenApiDocument, resolvePointer, type SchemaObject } from './spec.js';

/**
 * What the command line reads of one field beyond the table: its words, the facts of its schema, and for an
 * array its items' shape.
 */
interface FieldDocs {
  description?: string;
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: { type?: string; properties?: Array<{ name: string; type?: string; required: boolean }> };
}

/**
 * Emits `src/generated/docs.ts`: by operationId, the spec's words (summary, descriptions of the operation,
 * its parameters and body fields) and the facts only the command line reads (parameter types and examples,
 * field types, enums and bounds, the shape of array items). Only the command line imports it (its `--help`
 * and its flags), so the table the library is built from stays small.
 */
export function generateDocs(document: OpenApiDocument, model: SpecModel): string {
  const entries = model.operations.map((operation) => {
    const fields: Record<string, FieldDocs> = {};
    for (const media of operation.request?.media ?? []) {
      for (const variant of media.variants) {
        const schema = resolvePointer(document, variant.pointer, '#') as SchemaObject;
        const properties = collectProperties(document, schema, variant.pointer);
        for (const field of variant.fields) {
          const property = properties[field.name];
          fields[field.name] ??= {
            ...(property ? fieldDocs(document, property.schema, property.pointer) : {}),
            ...defined({ type: field.type, enum: field.enum, minimum: field.minimum, maximum: field.maximum }),
          };
        }
      }
    }
    const parameters = Object.fromEntries(
      operation.parameters.map((parameter) => [
        parameter.name,
        defined({
          description: parameter.description,
          type: parameter.type,
          examples: parameter.examples.length > 0 ? parameter.examples : undefined,
        }),
      ]),
    );
    const docs = {
      ...defined({ summary: operation.summary, description: operation.description }),
      ...(operation.deprecated ? { deprecated: true } : {}),
      parameters,
      fields: Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))),
    };
    return `  ${JSON.stringify(operation.operationId)}: ${JSON.stringify(docs, null, 2).replaceAll('\n', '\n  ')},`;
  });
  return [
    docsTypes,
    "/** The spec's words for each operation, by operationId: for the command line's `--help` and flags. */",
    'export const operationDocs: { readonly [operationId: string]: OperationDocs } = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** The members of `values` that are defined. */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const docsTypes = `/** One body field: the spec's description, the facts of its schema and, for an array, the shape of its items. */
export interface FieldDocs {
  readonly description?: string;
  /** The type of the field's schema, once references are followed. */
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: {
    readonly type?: string;
    /** For items that are objects: their properties, with type and whether they are required. */
    readonly properties?: readonly { readonly name: string; readonly type?: string; readonly required: boolean }[];
  };
}

/** One parameter: the spec's description, its schema's type and the spec's example values (e.g. engine ids). */
export interface ParameterDocs {
  readonly description?: string;
  readonly type?: string;
  readonly examples?: readonly unknown[];
}

/** The spec's words for one operation, its parameters (by name) and its body fields (by name). */
export interface OperationDocs {
  readonly summary?: string;
  readonly description?: string;
  /** Set when the spec marks the operation deprecated. */
  readonly deprecated?: true;
  readonly parameters: { readonly [name: string]: ParameterDocs };
  readonly fields: { readonly [name: string]: FieldDocs };
}
`;

function fieldDocs(document: OpenApiDocument, schema: SchemaObject, pointer: string): FieldDocs {
  const { value: resolved, pointer: at } = follow(document, schema, pointer);
  const description = schema.description ?? resolved.description;
  const docs: FieldDocs = description ? { description } : {};
  if (resolved.type === 'array' && resolved.items) {
    const { value: items, pointer: itemsAt } = follow(document, resolved.items, `${at}/items`);
    const properties = Object.entries(collectProperties(document, items, itemsAt));
    const required = new Set(items.required ?? []);
    docs.items = {
      ...(items.type ? { type: items.type } : {}),
      ...(properties.length > 0
        ? {
            properties: properties.map(([name, property]) => {
              const type = follow(document, property.schema, property.pointer).value.type;
              return { name, ...(type ? { type } : {}), required: required.has(name) };
            }),
          }
        : {}),
    };
  }
  return docs;
}
