import { type FieldDocs, type OperationDocs, operationDocs } from '../generated/docs.js';
import type { FieldEntry, OperationEntry, ParameterEntry } from '../generated/operations.js';
import { kebabCase } from './commands.js';
import { findPromptShape, type PromptShape } from './prompts.js';

/** How a flag's text becomes a value. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'file' | 'json' | 'list';

/** One flag of a subcommand, made from a parameter or a body field of the operation. */
export interface FlagSpec {
  /** The flag without its dashes: `cfg-scale`, `engine-id`. */
  readonly flag: string;
  /** Where the value goes: a parameter (by location) or the body, under the spec's name. */
  readonly target: { readonly in: ParameterEntry['in'] | 'body'; readonly name: string };
  readonly kind: ValueKind;
  /** The spec's type (`integer`, `number`, `string`, `array`...), or of the items for a list. */
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  /** A value used when the flag is absent that is not the spec's default: a path parameter's example. */
  readonly example?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly required: boolean;
  readonly description?: string;
}

/** Everything a subcommand accepts beyond the global flags. */
export interface ArgumentModel {
  readonly flags: readonly FlagSpec[];
  /** The body field given by `--prompt` / `--negative` / `--weight` (and positionals), if the body has one. */
  readonly prompts?: PromptShape & { readonly description?: string; readonly required: boolean };
  readonly docs: OperationDocs;
}

/** Flags the command line owns for itself: the names of the prompt flags and the global ones. */
export const promptFlags = ['prompt', 'negative', 'weight'] as const;

/** The flags of one operation, from its table entry (and the spec's descriptions), avoiding `reserved` names. */
export function argumentModel(operation: OperationEntry, reserved: readonly string[]): ArgumentModel {
  const docs = operationDocs[operation.operationId] ?? { parameters: {}, fields: {} };
  const shape = findPromptShape(docs.fields);
  const taken = new Set([...reserved, ...(shape ? promptFlags : [])]);
  const claim = (name: string, location: string): string => {
    let flag = kebabCase(name);
    if (taken.has(flag)) flag = `${location}-${flag}`;
    taken.add(flag);
    return flag;
  };
  const flags: FlagSpec[] = operation.parameters
    .filter((parameter) => parameter.in !== 'cookie')
    .map((parameter) => parameterFlag(parameter, claim(parameter.name, parameter.in), docs));
  const { fields, required } = bodyFields(operation, docs);
  for (const field of fields) {
    if (field.name === shape?.field) continue;
    flags.push(fieldFlag(field, claim(field.name, 'body'), required.has(field.name)));
  }
  return {
    flags,
    docs,
    ...(shape
      ? {
          prompts: {
            ...shape,
            required: required.has(shape.field),
            ...(docs.fields[shape.field]?.description ? { description: docs.fields[shape.field]?.description } : {}),
          },
        }
      : {}),
  };
}

function parameterFlag(parameter: ParameterEntry, flag: string, docs: OperationDocs): FlagSpec {
  const { description, type, examples } = docs.parameters[parameter.name] ?? {};
  const example = parameter.in === 'path' && parameter.default === undefined ? examples?.[0] : undefined;
  return {
    flag,
    target: { in: parameter.in, name: parameter.name },
    kind: type === 'number' || type === 'integer' ? 'number' : 'string',
    ...optional({ type, enum: parameter.enum, default: parameter.default, example }),
    required: parameter.required && example === undefined,
    ...optional({ description }),
  };
}

/** A body field: its table entry (what the client reads) with its docs (what only the command line shows). */
type BodyField = FieldEntry & FieldDocs;

function fieldFlag(field: BodyField, flag: string, required: boolean): FlagSpec {
  const items = field.items;
  return {
    flag,
    target: { in: 'body', name: field.name },
    kind: valueKind(field, items?.type),
    ...optional({
      type: field.type === 'array' && items?.type ? items.type : field.type,
      enum: field.enum,
      default: field.default,
      minimum: field.minimum,
      maximum: field.maximum,
      description: field.description,
    }),
    required,
  };
}

function valueKind(field: BodyField, itemType: string | undefined): ValueKind {
  if (field.upload) return 'file';
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.type === 'boolean') return 'boolean';
  if (field.type === 'array') return itemType === 'object' || itemType === 'array' ? 'json' : 'list';
  if (field.type === 'object') return 'json';
  return 'string';
}

/**
 * The body fields of every variant of every request media type, each once with its docs, and those every
 * variant requires. A discriminator field without an enum gets the values of its mapping.
 */
function bodyFields(operation: OperationEntry, docs: OperationDocs): { fields: BodyField[]; required: Set<string> } {
  const byName = new Map<string, BodyField>();
  const variants = (operation.request?.media ?? []).flatMap((media) =>
    media.variants.map((variant) => ({ variant, selector: media.selector })),
  );
  for (const { variant, selector } of variants) {
    for (const entry of variant.fields) {
      if (byName.has(entry.name)) continue;
      const field = { ...docs.fields[entry.name], ...entry };
      const mapping =
        selector.kind === 'discriminator' && selector.propertyName === field.name ? selector.mapping : undefined;
      byName.set(field.name, mapping && !field.enum ? { ...field, enum: Object.keys(mapping) } : field);
    }
  }
  const required = new Set(
    [...byName.keys()].filter(
      (name) => variants.length > 0 && variants.every(({ variant }) => variant.required.includes(name)),
    ),
  );
  return { fields: [...byName.values()], required };
}

/** The members of `values` that are defined. */
function optional<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
