import {
  collectProperties,
  type OpenApiDocument,
  resolvePointer,
  resolveSchema,
  type SchemaObject,
} from '../../scripts/generate/spec.js';
import { specDocument } from './spec.js';

const ourSpec = specDocument();

/** `text_prompts[0][text]` -> `['text_prompts', '0', 'text']`. */
export function bracketPath(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match?.[1]) throw new Error(`not a bracketed field name: ${name}`);
  return [match[1], ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1] ?? '')];
}

/**
 * Rebuilds the nested body a server would read from a multipart form: bracketed names become nested
 * arrays and objects, and text becomes a number where the schema says number or integer. Files stay
 * `File`s. The schema is a component name or a JSON pointer into the spec.
 */
export function rebuildFromForm(
  form: FormData,
  schemaNameOrPointer: string,
  document: OpenApiDocument = ourSpec,
): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) setAt(nested, bracketPath(name), value);
  const pointer = schemaNameOrPointer.startsWith('#')
    ? schemaNameOrPointer
    : `#/components/schemas/${schemaNameOrPointer}`;
  const schema = resolvePointer(document, pointer, pointer) as SchemaObject;
  return coerce(document, nested, schema) as Record<string, unknown>;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      if (Object.hasOwn(node, key)) throw new Error(`field sent twice: ${path.join('.')}`);
      node[key] = value;
    } else {
      if (!Object.hasOwn(node, key)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
  }
}

function coerce(document: OpenApiDocument, value: unknown, schema: SchemaObject): unknown {
  const resolved = resolveSchema(document, schema);
  if (value instanceof File) return value;
  if (resolved.type === 'array' && value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => Number(a) - Number(b));
    if (!entries.every(([key], index) => key === String(index))) throw new Error('array indices are not 0..n-1');
    return entries.map(([, item]) => coerce(document, item, resolved.items ?? {}));
  }
  if ((resolved.allOf || resolved.properties) && value && typeof value === 'object') {
    const properties = collectProperties(document, resolved);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        Object.hasOwn(properties, key)
          ? coerce(document, item, (properties[key] as { schema: SchemaObject }).schema)
          : item,
      ]),
    );
  }
  if ((resolved.type === 'number' || resolved.type === 'integer') && typeof value === 'string') return Number(value);
  return value;
}
