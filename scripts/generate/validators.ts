import { createRequire } from 'node:module';
import { Ajv, type Options } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { fastFormats } from 'ajv-formats/dist/formats.js';
import { type OperationModel, parametersSource, type SpecModel } from './model.js';
import type { OpenApiDocument, SchemaObject } from './spec.js';

/** The id the spec document is registered under, so its `#/...` refs and the exported pointers resolve. */
const specId = 'stabilityai.json';

const ajvOptions: Options = {
  // Unknown keywords and formats must be declared below. Type and required strictness stay off: JSON
  // Schema allows `maximum` without `type` in an allOf branch, or `required` naming a property declared
  // elsewhere, and revisions of the spec do both (the second is also worked around below, where it matters).
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  // The client reports every issue of a request at once, not the first.
  allErrors: true,
  // Each error literal would repeat its keyword's English text: \`schemaMessage\` (emitted below) gives it instead.
  messages: false,
  code: { source: true, esm: true, optimize: true },
};

/** OpenAPI keywords that carry no validation rule (vendor `x-` keywords are found in the spec and added too). */
const annotationKeywords = [
  'components', // the sections the exported pointers go through: never compiled as schemas
  'paths',
  'discriminator', // the client picks the variant from the table; ajv's discriminator cannot use allOf mappings
  'example',
  'xml',
  'externalDocs',
];

/** One change the generator makes to its in-memory copy of the spec before compiling, and where it applied. */
interface Workaround {
  reason: string;
  apply: (document: OpenApiDocument) => string[];
}

/**
 * Where the spec contradicts the API (or uses OpenAPI 3.0 forms JSON Schema lacks) and the validators
 * follow the API. The spec file stays unchanged; the generated file lists each change and its pointers.
 */
const workarounds: Workaround[] = [
  {
    reason:
      'required names that are not declared properties are dropped (Error.required lists "status", which the ' +
      "API's error bodies {id, name, message} never carry; ajv strictRequired refuses such schemas).",
    apply: (document) =>
      visitSchemas(document, (schema) => {
        if (!schema.required || !schema.properties || schema.allOf || schema.oneOf || schema.anyOf) return false;
        const properties = schema.properties;
        const kept = schema.required.filter((name) => name in properties);
        if (kept.length === schema.required.length) return false;
        schema.required = kept;
        return true;
      }),
  },
  {
    reason:
      'OpenAPI 3.0 `nullable: true` without a `type` (beside a $ref or an allOf) becomes anyOf [the schema, null]: ' +
      'ajv reads nullable only next to type.',
    apply: (document) =>
      visitSchemas(document, (schema) => {
        if (schema.nullable !== true || schema.type !== undefined) return false;
        const inner: SchemaObject = { ...schema };
        delete inner.nullable;
        for (const key of Object.keys(schema)) delete schema[key];
        schema.anyOf = [inner, { type: 'null' }];
        return true;
      }),
  },
  {
    reason: 'OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum become the JSON Schema numbers ajv reads.',
    apply: (document) =>
      visitSchemas(document, (schema) => {
        let changed = false;
        for (const [exclusive, bound] of [
          ['exclusiveMinimum', 'minimum'],
          ['exclusiveMaximum', 'maximum'],
        ] as const) {
          if (typeof schema[exclusive] !== 'boolean') continue;
          if (schema[exclusive] === true && typeof schema[bound] === 'number') {
            schema[exclusive] = schema[bound];
            delete schema[bound];
          } else delete schema[exclusive];
          changed = true;
        }
        return changed;
      }),
  },
];

/** Compiles the model's validators (request variants, responses, parameters) into ESM with no runtime dependency. */
export function generateValidators(document: OpenApiDocument, model: SpecModel): string {
  const copy = structuredClone(document);
  const applied = workarounds.map((workaround) => ({ reason: workaround.reason, pointers: workaround.apply(copy) }));
  const ajv = createAjv(copy);
  const exports: Record<string, string> = {};
  for (const [name, source] of model.validators) {
    if (source.startsWith(parametersSource)) continue;
    exports[name] = `${specId}${source}`;
  }
  for (const operation of model.operations) {
    // Operations whose parameters check the same share one validator: compile it once.
    if (!operation.parametersValidatorName || exports[operation.parametersValidatorName]) continue;
    const id = `${operation.parametersValidatorName}.json`;
    ajv.addSchema({ $id: id, ...parametersSchema(operation) });
    exports[operation.parametersValidatorName] = id;
  }
  const code = dropSchemaPaths(pruneSchemaConstants(inlineRuntimeHelpers(standalone.default(ajv, exports))));
  assertSelfContained(code);
  const notes = applied
    .filter((workaround) => workaround.pointers.length > 0)
    .map((workaround) => `// - ${workaround.reason} At: ${workaround.pointers.join(', ')}`);
  return [
    '// Changes made to the in-memory copy of the spec before compiling (the spec file is unchanged):',
    ...(notes.length > 0 ? notes : ['// (none needed for this spec)']),
    validatorTypedefs,
    annotateExports(code, typesOfValidators(model)),
    '',
    messageFunction(keywordsReported(code)),
    '',
  ].join('\n');
}

/** The parameters of an operation as one object schema: `{ path: {...}, query: {...}, header: {...} }`. */
function parametersSchema(operation: OperationModel): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  for (const location of ['path', 'query', 'header'] as const) {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    properties[location] = {
      type: 'object',
      properties: Object.fromEntries(
        parameters.map((parameter) => [parameter.name, { $ref: `${specId}${parameter.schemaPointer}` }]),
      ),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    };
  }
  return { type: 'object', properties };
}

function createAjv(document: OpenApiDocument): Ajv {
  const ajv = new Ajv(ajvOptions);
  for (const keyword of new Set([...annotationKeywords, ...vendorKeywords(document)])) ajv.addKeyword(keyword);
  for (const format of formatsUsed(document)) ajv.addFormat(format, checkableFormat(format) ?? true);
  ajv.addSchema({ $id: specId, components: document.components ?? {}, paths: document.paths });
  return ajv;
}

/**
 * A format's check, when ajv-formats has it as a regular expression (standalone code inlines those; a
 * function would be `require`d at run time). Other formats are declared and not checked: `binary` (uploads
 * are checked by the client), `float`/`double`/`int32`/`int64` (a JavaScript number has no width), ...
 */
function checkableFormat(format: string): RegExp | undefined {
  const known = (fastFormats as Record<string, unknown>)[format];
  if (known instanceof RegExp) return known;
  const validate = (known as { validate?: unknown } | undefined)?.validate;
  return validate instanceof RegExp ? validate : undefined;
}

function vendorKeywords(document: OpenApiDocument): string[] {
  const found = new Set<string>();
  walk(document, (value) => {
    for (const key of Object.keys(value)) if (key.startsWith('x-')) found.add(key);
  });
  return [...found].sort();
}

function formatsUsed(document: OpenApiDocument): string[] {
  const found = new Set<string>();
  visitSchemas(document, (schema) => {
    if (typeof schema.format === 'string') found.add(schema.format);
    return false;
  });
  return [...found].sort();
}

/** Calls `fn` on every plain object in `value`, depth first. */
function walk(value: unknown, fn: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) walk(item, fn);
  else if (value && typeof value === 'object') {
    fn(value as Record<string, unknown>);
    for (const child of Object.values(value)) walk(child, fn);
  }
}

/**
 * Calls `visit` on every schema of the document (components, and those inline in paths), returning the
 * pointers where `visit` reported a change.
 */
function visitSchemas(document: OpenApiDocument, visit: (schema: SchemaObject) => boolean): string[] {
  const changed: string[] = [];
  const seen = new Set<object>();
  const schema = (value: unknown, pointer: string): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const node = value as SchemaObject;
    if (visit(node)) changed.push(pointer);
    for (const [name, child] of Object.entries(node.properties ?? {})) schema(child, `${pointer}/properties/${name}`);
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      for (const [index, child] of (node[keyword] ?? []).entries()) schema(child, `${pointer}/${keyword}/${index}`);
    }
    for (const keyword of ['items', 'not', 'additionalProperties'] as const) {
      if (typeof node[keyword] === 'object') schema(node[keyword], `${pointer}/${keyword}`);
    }
  };
  for (const [name, value] of Object.entries(document.components?.schemas ?? {})) {
    schema(value, `#/components/schemas/${name}`);
  }
  // Inline schemas: any `schema` key under paths or the other component sections.
  const inline = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) inline(item, `${pointer}/${index}`);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (key === 'schema') schema(child, at);
        else inline(child, at);
      }
    }
  };
  inline(document.paths, '#/paths');
  for (const section of ['parameters', 'responses', 'requestBodies', 'headers'] as const) {
    inline(document.components?.[section], `#/components/${section}`);
  }
  return changed;
}

const runtimeRequire = createRequire(import.meta.url);

/**
 * ajv's standalone output `require`s small runtime helpers (ucs2length for `maxLength`) even in ESM mode
 * (ajv issue 2209). Each helper is a self-contained function: put its source in place of the `require`.
 */
function inlineRuntimeHelpers(code: string): string {
  return code.replace(/require\("ajv\/dist\/runtime\/([a-z0-9_]+)"\)\.default/g, (_match, helper: string) => {
    const fn: unknown = runtimeRequire(`ajv/dist/runtime/${helper}`).default;
    if (typeof fn !== 'function' || !fn.toString().startsWith('function')) {
      throw new Error(
        `ajv runtime helper '${helper}' cannot be inlined: teach scripts/generate/validators.ts about it`,
      );
    }
    return `(${fn.toString()})`;
  });
}

/**
 * ajv declares a `const schemaN = {...}` for every schema it visits, a full copy of the spec's schema with
 * its descriptions and examples, although the code reads only a few values of it (the `enum` an error
 * reports as `allowedValues`). Each constant keeps only what the code reads (`schema13.properties.type.enum`),
 * and one the code does not read is dropped.
 */
function pruneSchemaConstants(code: string): string {
  let result = code;
  for (const [, name] of code.matchAll(/const (schema\d+) = /g)) {
    const declaration = `const ${name} = `;
    const start = result.indexOf(declaration);
    const literalStart = start + declaration.length;
    const end = endOfJsonLiteral(result, literalStart);
    if (result[end] !== ';') throw new Error(`unexpected code after ${name}`);
    const value: unknown = JSON.parse(result.slice(literalStart, end));
    const rest = result.slice(0, start) + result.slice(end + 1);
    const paths = [
      ...rest.matchAll(new RegExp(`\\b${name}\\b((?:\\.[A-Za-z_$][\\w$]*|\\[(?:\\d+|"[^"]*")\\])*)`, 'g')),
    ].map((match) =>
      [...(match[1] ?? '').matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+|"[^"]*")\]/g)].map(
        ([, property, index]) => property ?? (JSON.parse(index as string) as string | number),
      ),
    );
    if (paths.length === 0) result = rest;
    else if (paths.every((path) => path.length > 0)) {
      const kept = JSON.stringify(pick(value, paths));
      result = `${result.slice(0, literalStart)}${kept}${result.slice(end)}`;
    }
  }
  return result;
}

/** The parts of `value` at `paths` (each a list of keys), in an object of the same shape. */
function pick(value: unknown, paths: ReadonlyArray<ReadonlyArray<string | number>>): unknown {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    let source = value as Record<string, unknown>;
    let target = picked;
    for (const [index, key] of path.entries()) {
      const item = source?.[key];
      if (index === path.length - 1 || item === null || typeof item !== 'object' || Array.isArray(item)) {
        target[key] = item;
        break;
      }
      target[key] = target[key] ?? {};
      target = target[key] as Record<string, unknown>;
      source = item as Record<string, unknown>;
    }
  }
  return picked;
}

/** The index just past the JSON value that starts at `start` (objects, arrays, strings, scalars). */
function endOfJsonLiteral(code: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < code.length; index++) {
    const char = code[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (depth === 0 && (char === ';' || char === ',')) return index;
    if (depth === 0 && !inString && (char === '}' || char === ']')) return index + 1;
  }
  throw new Error('unterminated JSON literal in generated code');
}

/**
 * ajv puts in every error the pointer of the failing keyword in the schema compiled (`schemaPath`): a
 * different string per rule, and the largest part of the code once gzipped, which nothing reads (the
 * client reports the field, `instancePath`, and the rule, `keyword`). Dropped.
 */
function dropSchemaPaths(code: string): string {
  return code.replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, '');
}

/** The keywords whose errors the compiled code can report, sorted. */
function keywordsReported(code: string): string[] {
  return [...new Set(Array.from(code.matchAll(/keyword:"([^"]+)"/g), (match) => match[1] as string))].sort();
}

/**
 * ajv's English message for each keyword (ajv 8, `lib/vocabularies`), `{name}` standing for the error's param
 * `name`; test/schema-messages.test.ts checks each against ajv itself. Not listed: `contains` and
 * `dependencies`, whose words depend on their params and which OpenAPI 3.0 schemas do not have (a spec that
 * uses one stops the generator, naming the keyword).
 */
export const keywordMessages: Readonly<Record<string, string>> = {
  required: "must have required property '{missingProperty}'",
  type: 'must be {type}',
  enum: 'must be equal to one of the allowed values',
  const: 'must be equal to constant',
  maximum: 'must be {comparison} {limit}',
  minimum: 'must be {comparison} {limit}',
  exclusiveMaximum: 'must be {comparison} {limit}',
  exclusiveMinimum: 'must be {comparison} {limit}',
  multipleOf: 'must be multiple of {multipleOf}',
  maxLength: 'must NOT have more than {limit} characters',
  minLength: 'must NOT have fewer than {limit} characters',
  pattern: 'must match pattern "{pattern}"',
  format: 'must match format "{format}"',
  maxItems: 'must NOT have more than {limit} items',
  minItems: 'must NOT have fewer than {limit} items',
  additionalItems: 'must NOT have more than {limit} items',
  uniqueItems: 'must NOT have duplicate items (items ## {j} and {i} are identical)',
  maxProperties: 'must NOT have more than {limit} properties',
  minProperties: 'must NOT have fewer than {limit} properties',
  additionalProperties: 'must NOT have additional properties',
  propertyNames: 'property name must be valid',
  if: 'must match "{failingKeyword}" schema',
  anyOf: 'must match a schema in anyOf',
  oneOf: 'must match exactly one schema in oneOf',
  not: 'must NOT be valid',
  'false schema': 'boolean schema is false',
};

/** A message of {@link keywordMessages} as a JavaScript function of the params (`p`). */
function messageSource(message: string): string {
  const escaped = message.replace(/[`\\]|\$(?=\{)/g, (character) => `\\${character}`);
  return `(p) => \`${escaped.replace(/\{(\w+)\}/g, (_match, name: string) => `$\{p.${name}}`)}\``;
}

/**
 * The source of `schemaMessage`: an issue's message from its keyword and params, with the words of the
 * keywords the compiled code reports (and ajv's words for any other keyword).
 */
export function messageFunction(keywords: readonly string[]): string {
  const messages = keywords.map((keyword) => {
    const message = keywordMessages[keyword];
    if (message === undefined) {
      throw new Error(
        `no message for the ajv keyword '${keyword}': add it to keywordMessages in scripts/generate/validators.ts`,
      );
    }
    return `  ${JSON.stringify(keyword)}: ${messageSource(message)},`;
  });
  return [
    'const keywordMessages = {',
    ...messages,
    '};',
    '',
    '/**',
    " * What an issue means, in ajv's words (`must be <= 50`), from its keyword and params: the validators are",
    ' * compiled without messages, which every error would repeat.',
    ' * @param {SchemaIssue} issue',
    ' * @returns {string}',
    ' */',
    'export function schemaMessage({ keyword, params }) {',
    '  const message = Object.hasOwn(keywordMessages, keyword) ? keywordMessages[keyword] : undefined;',
    `  return message ? message(params) : 'must pass "' + keyword + '" keyword validation';`,
    '}',
  ].join('\n');
}

function assertSelfContained(code: string): void {
  const leftover = code.match(/require\(|\bimport\b[^;]*\bajv/);
  if (leftover) throw new Error(`generated validators still load a module at run time: ${leftover[0]}`);
}

const validatorTypedefs = `
/**
 * @typedef {{ instancePath: string, keyword: string, params: Record<string, any> }} SchemaIssue
 * One problem found by a validator, as ajv reports it (without \`schemaPath\` and \`message\`: see \`schemaMessage\`).
 */
/**
 * @template T The type the validated schema describes.
 * @typedef {{ (data: unknown): boolean, errors?: SchemaIssue[] | null, readonly __schema?: T }} Validator
 * A compiled validator: returns whether \`data\` is valid and leaves the problems on \`errors\`.
 */
`;

/** The TypeScript type each validator checks, relative to the generated types module. */
function typesOfValidators(model: SpecModel): Map<string, string> {
  const types = new Map<string, string>();
  for (const operation of model.operations) {
    if (operation.parametersValidatorName) {
      types.set(operation.parametersValidatorName, `${operation.typeExpression}['parameters']`);
    }
    for (const media of operation.request?.media ?? []) {
      for (const variant of media.variants) types.set(variant.validatorName, variant.typeExpression);
    }
    for (const response of operation.responses) {
      for (const media of response.media) {
        if (media.validatorName && media.typeExpression) types.set(media.validatorName, media.typeExpression);
      }
    }
  }
  return types;
}

function annotateExports(code: string, types: Map<string, string>): string {
  return code.replace(/export const (\w+) = /g, (match, name: string) => {
    const type = types.get(name);
    if (!type) throw new Error(`no type for generated export ${name}`);
    // A media type such as `*/*` would close the comment: write its slash as an escape in the string literal.
    const imported = type.replace(/\b(paths|components)\[/g, "import('./types.js').$1[").replaceAll('*/', '*\\u002f');
    return `\n/** @type {Validator<${imported}>} */\n${match}`;
  });
}
