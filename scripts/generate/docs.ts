import type { SpecModel } from './model.js';
import { collectProperties, follow, type OpenApiDocument, resolvePointer, type SchemaObject } from './spec.js';

/** What the command line reads of one field beyond the table: its words and, for an array, its items' shape. */
interface FieldDocs {
  description?: string;
  items?: { type?: string; properties?: Array<{ name: string; type?: string; required: boolean }> };
}

/**
 * Emits `src/generated/docs.ts`: the spec's descriptions of each operation, parameter and body field, and the
 * shape of array items, by operationId. Only the command line imports it (its `--help` and its flags for
 * arrays of objects), so the library's table stays small.
 */
export function generateDocs(document: OpenApiDocument, model: SpecModel): string {
  const entries = model.operations.map((operation) => {
    const fields: Record<string, FieldDocs> = {};
    for (const media of operation.request?.media ?? []) {
      for (const variant of media.variants) {
        const schema = resolvePointer(document, variant.pointer, '#') as SchemaObject;
        for (const [name, property] of Object.entries(collectProperties(document, schema, variant.pointer))) {
          fields[name] ??= fieldDocs(document, property.schema, property.pointer);
        }
      }
    }
    const parameters = Object.fromEntries(
      operation.parameters.flatMap((parameter) =>
        parameter.description ? [[parameter.name, parameter.description]] : [],
      ),
    );
    const docs = {
      ...(operation.description ? { description: operation.description } : {}),
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

const docsTypes = `/** One body field: the spec's description and, for an array, the shape of its items. */
export interface FieldDocs {
  readonly description?: string;
  readonly items?: {
    readonly type?: string;
    /** For items that are objects: their properties, with type and whether they are required. */
    readonly properties?: readonly { readonly name: string; readonly type?: string; readonly required: boolean }[];
  };
}

/** The spec's descriptions of one operation, its parameters (by name) and its body fields (by name). */
export interface OperationDocs {
  readonly description?: string;
  readonly parameters: { readonly [name: string]: string };
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
