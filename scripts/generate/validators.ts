import { createRequire } from 'node:module';
import { Ajv, type Options } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { fastFormats } from 'ajv-formats/dist/formats.js';
import type { Catalog } from './catalog.js';
import type { OpenApiDocument, SchemaObject } from './spec.js';

/** The base URI the spec's components are registered under, so `#/components/...` refs resolve. */
const specId = 'stabilityai.json';

const ajvOptions: Options = {
  // Full strict mode (strictRequired included): unknown keywords and formats must be declared below.
  strict: true,
  // The client reports every issue of a request at once, not the first.
  allErrors: true,
  code: { source: true, esm: true, optimize: true },
};

/** OpenAPI and vendor annotations the spec uses; they carry no validation rule. */
const annotationKeywords = [
  'components', // the OpenAPI section that holds the schemas `#/components/...` refs point into
  'discriminator', // its mappings point at allOf variants, which ajv's discriminator cannot use: the client selects the variant
  'example',
  'x-go-name',
  'x-go-type',
  'x-go-type-skip-optional-pointer',
];

/**
 * Formats declared as known but not checked, and why:
 * - binary: uploads are Blobs or bytes, checked as such by the client before it validates the other fields;
 * - float, double: a JavaScript number has no width the client could check.
 */
const annotationFormats = ['binary', 'float', 'double'];

/** Formats checked with ajv-formats' regular expressions, which standalone code inlines (functions would be `require`d). */
const regexFormats = ['email', 'uri'] as const;

/**
 * Where the spec contradicts the API and the validators follow the API. The spec file stays unchanged;
 * the generator applies these to its in-memory copy and lists them in the generated file.
 */
const specWorkarounds: Array<{ reason: string; apply: (schemas: Record<string, SchemaObject>) => void }> = [
  {
    reason:
      "Error.required lists 'status', which is not a property: the API's error bodies are {id, name, message}, " +
      'and ajv strictRequired refuses the schema. Required names that are not properties are dropped from Error.',
    apply: (schemas) => {
      const error = schemas.Error;
      if (error?.required && error.properties) {
        const properties = error.properties;
        error.required = error.required.filter((name) => name in properties);
      }
    },
  },
];

/** Compiles one validator per request-body variant and JSON response body into ESM with no runtime dependency. */
export function generateValidators(document: OpenApiDocument, catalog: Catalog): string {
  const ajv = createAjv(document);
  const exports: Record<string, string> = {};
  for (const body of catalog.requestBodies) {
    for (const variant of body.variants)
      exports[variant.validatorName] = `${specId}#/components/schemas/${variant.schemaName}`;
  }
  for (const response of catalog.responses) exports[response.validatorName] = `${specId}${response.pointer}`;
  const code = dropUnusedSchemaConstants(inlineRuntimeHelpers(standalone.default(ajv, exports)));
  assertSelfContained(code);
  return [
    '// Spec workarounds applied to the in-memory copy before compiling:',
    ...specWorkarounds.map((workaround) => `// - ${workaround.reason}`),
    validatorTypedefs,
    annotateExports(code, catalog),
    '',
  ].join('\n');
}

function createAjv(document: OpenApiDocument): Ajv {
  const ajv = new Ajv(ajvOptions);
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  for (const format of annotationFormats) ajv.addFormat(format, true);
  for (const format of regexFormats) ajv.addFormat(format, fastFormats[format]);
  const components = structuredClone(document.components);
  for (const workaround of specWorkarounds) workaround.apply(components.schemas);
  ajv.addSchema({ $id: specId, components });
  return ajv;
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
 * ajv declares a `const schemaN = {...}` for every schema it visits, although the code reads only a few
 * (for `enum` values). The unread ones, full copies of spec schemas with their descriptions, are dropped.
 */
function dropUnusedSchemaConstants(code: string): string {
  let result = code;
  for (const [, name] of code.matchAll(/const (schema\d+) = /g)) {
    if (result.match(new RegExp(`\\b${name}\\b`, 'g'))?.length !== 1) continue;
    const start = result.indexOf(`const ${name} = `);
    const literalStart = start + `const ${name} = `.length;
    const end = endOfJsonLiteral(result, literalStart);
    if (result[end] !== ';') throw new Error(`unexpected code after ${name}`);
    result = result.slice(0, start) + result.slice(end + 1);
  }
  return result;
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

function assertSelfContained(code: string): void {
  const leftover = code.match(/require\(|\bimport\b[^;]*\bajv/);
  if (leftover) throw new Error(`generated validators still load a module at run time: ${leftover[0]}`);
}

const validatorTypedefs = `
/**
 * One problem found by a validator, as ajv reports it.
 * @typedef {{ instancePath: string, schemaPath: string, keyword: string, params: Record<string, unknown>, message?: string }} SchemaIssue
 */
/**
 * A compiled validator: returns whether \`data\` is valid and leaves the problems on \`errors\`.
 * @template T The type the validated schema describes.
 * @typedef {{ (data: unknown): boolean, errors?: SchemaIssue[] | null, readonly __schema?: T }} Validator
 */
`;

function annotateExports(code: string, catalog: Catalog): string {
  const types = new Map<string, string>();
  for (const body of catalog.requestBodies) {
    for (const variant of body.variants) {
      types.set(variant.validatorName, `components['schemas']['${variant.schemaName}']`);
    }
  }
  for (const response of catalog.responses) types.set(response.validatorName, response.typeExpression);
  return code.replace(/export const (\w+) = /g, (match, name: string) => {
    const type = types.get(name);
    if (!type) throw new Error(`no type for generated export ${name}`);
    return `\n/** @type {Validator<import('./types.js').${type}>} */\n${match}`;
  });
}
