import type { OperationModel, ResponseModel, SpecModel } from './model.js';
import { camelCase, words } from './naming.js';

/**
 * Emits `src/generated/operations.ts`: the one table of every operation (what the client builds its methods
 * from), the types of each operation's arguments and result, and the grouped method interface with the
 * spec's summaries and descriptions as doc comments.
 */
export function generateOperations(model: SpecModel, sha256: string): string {
  const validators = [...model.validators.keys()].sort();
  return [
    `import type { components, paths } from './types.js';`,
    validators.length > 0 ? `import { ${validators.join(', ')} } from './validators.js';` : '',
    `import type { Validator } from './validators.js';`,
    '',
    tableTypes,
    '/** What the spec says of itself: title, version, server, and the checksum of the file generated from. */',
    `export const specInfo = ${JSON.stringify(
      { title: model.title ?? '', version: model.version ?? '', serverUrl: model.serverUrl, sha256 },
      null,
      2,
    )} as const;`,
    '',
    ...model.notes.map((note) => `// Left out: ${note}`),
    ...(model.unusedOverrides.length > 0
      ? [`// openapi/naming.json entries that match no operation (ignored): ${model.unusedOverrides.join(', ')}`, '']
      : []),
    '/** Every operation of the spec, by operationId: the table the client builds its methods from. */',
    'export const operations = {',
    ...model.operations.map((operation) => `  ${JSON.stringify(operation.operationId)}: ${tableEntry(operation)},`),
    '} as const satisfies Record<string, OperationEntry>;',
    '',
    '/** An operation of the spec, by operationId. */',
    'export type OperationId = keyof typeof operations;',
    '',
    '/** Compile-time check: every entry names a path and a method that the generated `paths` type has. */',
    'export type CheckedPaths = { [Op in OperationId]: paths[(typeof operations)[Op]["path"]][(typeof operations)[Op]["method"]] };',
    '',
    '/** The types of each operation: its positional path arguments, body, options and result, from the generated types. */',
    'export interface OperationTypes {',
    ...model.operations.map((operation) => `  ${JSON.stringify(operation.operationId)}: ${operationTypes(operation)};`),
    '}',
    '',
    '/**',
    " * The client's methods, grouped as the naming rule (and openapi/naming.json) says, with the spec's words",
    " * as their documentation. `M` gives each operation's method type.",
    ' */',
    'export interface OperationGroups<M extends { [Op in OperationId]: unknown }> {',
    ...groupsInterface(model),
    '}',
    '',
  ].join('\n');
}

const tableTypes = `/** How a request body goes on the wire. */
export type Encoding = 'json' | 'multipart' | 'form' | 'binary' | 'text';

/** How the client picks one variant of a request body. */
export type VariantSelector =
  | { readonly kind: 'single' }
  | {
      readonly kind: 'discriminator';
      readonly propertyName: string;
      readonly defaultValue?: string;
      readonly mapping: { readonly [value: string]: string };
    }
  | { readonly kind: 'oneOf' };

/**
 * One field of a request variant: the facts the client's checks and prose rules read (its type, enum and
 * bounds, which only the command line shows, are in \`docs.ts\`).
 */
export interface FieldEntry {
  readonly name: string;
  /** The component schema the field refers to, when it is a \`$ref\`. */
  readonly schemaName?: string;
  readonly default?: unknown;
  /** \`format: binary\`: sent as a file. */
  readonly upload: boolean;
}

/** One request-body schema and its validator. */
export interface VariantEntry {
  readonly name: string;
  readonly validate: Validator<unknown>;
  readonly type?: string;
  readonly fields: readonly FieldEntry[];
  readonly required: readonly string[];
  /** Fields the schema does not declare are refused (it does not allow additional properties). */
  readonly closed: boolean;
}

/** A request media type with its variants. */
export interface RequestMediaEntry {
  readonly mediaType: string;
  readonly encoding: Encoding;
  readonly selector: VariantSelector;
  readonly variants: readonly VariantEntry[];
}

/** A response media type: how to read it, and the validator of a JSON body. */
export interface ResponseMediaEntry {
  readonly mediaType: string;
  readonly kind: 'json' | 'image' | 'binary' | 'text';
  readonly validate?: Validator<unknown>;
  readonly jsonType?: string;
  /** For a JSON object: its one array property, if it has exactly one. */
  readonly arrayProperty?: string;
}

/** The response of one status a call can read (2xx, or \`default\`): media types and headers. */
export interface ResponseEntry {
  readonly status: string;
  readonly media: readonly ResponseMediaEntry[];
  readonly headers: readonly {
    readonly name: string;
    readonly required: boolean;
    readonly type?: string;
    readonly enum?: readonly unknown[];
  }[];
}

/** One parameter and the values the spec gives for it (its type and examples are in \`docs.ts\`). */
export interface ParameterEntry {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  /** How a query parameter is serialised, when the spec says (OpenAPI's default: \`form\`, exploded). */
  readonly style?: string;
  readonly explode?: boolean;
}

/** Everything the client knows of one operation. */
export interface OperationEntry {
  readonly operationId: string;
  /** The client groups methods by this (from the first tag). */
  readonly group: string;
  /** The method's name in its group (from the operationId). */
  readonly name: string;
  readonly method: 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
  /** The path template, relative to the server URL. */
  readonly path: string;
  /** Path parameters first, in the order of the path. */
  readonly parameters: readonly ParameterEntry[];
  /** Checks \`{ path, query, header }\`. */
  readonly validateParameters?: Validator<unknown>;
  readonly request?: { readonly required: boolean; readonly media: readonly RequestMediaEntry[] };
  /** The responses a call can read: 2xx (a non-2xx answer is an \`APIError\`), and \`default\`. */
  readonly responses: readonly ResponseEntry[];
}
`;

const identifierMark = '@@identifier:';

function tableEntry(operation: OperationModel): string {
  const entry = {
    operationId: operation.operationId,
    group: operation.group,
    name: operation.name,
    method: operation.method,
    path: operation.path,
    parameters: operation.parameters.map(
      ({ schemaPointer: _pointer, description: _description, type: _type, examples: _examples, ...parameter }) =>
        parameter,
    ),
    ...(operation.parametersValidatorName
      ? { validateParameters: `${identifierMark}${operation.parametersValidatorName}` }
      : {}),
    ...(operation.request
      ? {
          request: {
            required: operation.request.required,
            media: operation.request.media.map((media) => ({
              ...media,
              variants: media.variants.map(
                ({ validatorName, pointer: _pointer, typeExpression: _type, ...variant }) => ({
                  name: variant.name,
                  validate: `${identifierMark}${validatorName}`,
                  ...(variant.type ? { type: variant.type } : {}),
                  fields: variant.fields.map(
                    ({ type: _type, enum: _enum, minimum: _min, maximum: _max, ...field }) => field,
                  ),
                  required: variant.required,
                  closed: variant.closed,
                }),
              ),
            })),
          },
        }
      : {}),
    responses: operation.responses.map((response) => ({
      status: response.status,
      media: response.media.map(({ validatorName, pointer: _pointer, typeExpression: _type, ...media }) => ({
        ...media,
        ...(validatorName ? { validate: `${identifierMark}${validatorName}` } : {}),
      })),
      headers: response.headers,
    })),
  };
  return compactJson(entry, '  ').replace(new RegExp(`"${identifierMark}(\\w+)"`, 'g'), '$1');
}

/** JSON with every value that fits in a short line on one line, and one line per member otherwise. */
function compactJson(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (flat.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((item) => `${inner}${compactJson(item, inner)}`).join(',\n')}\n${indent}]`;
  const members = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${compactJson(item, inner)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** Words TypeScript does not take as a tuple label. */
const reservedWords = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with implements interface let package private protected public static yield'.split(
    ' ',
  ),
);

/** Path parameters' names as TypeScript tuple labels: `engine_id` gives `engineId`, `package` gives `packageValue`. */
function argumentLabels(names: string[]): string[] {
  const labels: string[] = [];
  for (const name of names) {
    const base = camelCase(words(name)) || 'parameter';
    let label = reservedWords.has(base) ? `${base}Value` : base;
    for (let counter = 2; labels.includes(label); counter++) label = `${base}${counter}`;
    labels.push(label);
  }
  return labels;
}

function successResponses(operation: OperationModel): ResponseModel[] {
  const success = operation.responses.filter((response) => /^2/.test(response.status));
  return success.length > 0 ? success : operation.responses.filter((response) => response.status === 'default');
}

/** Media types the client may ask for: the `Accept` parameter's enum, else the 2xx responses' media types. */
function acceptValues(operation: OperationModel): string[] {
  const parameter = operation.parameters.find(
    (candidate) => candidate.in === 'header' && candidate.name.toLowerCase() === 'accept',
  );
  if (parameter?.enum?.every((value) => typeof value === 'string')) return parameter.enum as string[];
  return [
    ...new Set(successResponses(operation).flatMap((response) => response.media.map((media) => media.mediaType))),
  ];
}

/**
 * What a 2xx response gives the caller: `images` (it offers an image media type: artifacts, whether the
 * body comes as the image or as JSON), `json` (checked data), `text`, `binary`, or `empty`.
 */
function resultKind(response: ResponseModel): string {
  const kinds = new Set(response.media.map((media) => media.kind));
  if (kinds.has('image')) return 'images';
  if (kinds.has('json')) return 'json';
  if (kinds.has('text')) return 'text';
  return kinds.size > 0 ? 'binary' : 'empty';
}

function union(values: string[]): string {
  return values.length === 0 ? 'never' : values.map((value) => JSON.stringify(value)).join(' | ');
}

function operationTypes(operation: OperationModel): string {
  const type = operation.typeExpression;
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const labels = argumentLabels(pathParameters.map((parameter) => parameter.name));
  const pathArgs = pathParameters.map(
    (parameter, index) => `${labels[index]}: ${type}['parameters']['path'][${JSON.stringify(parameter.name)}]`,
  );
  const hasQuery = operation.parameters.some((parameter) => parameter.in === 'query');
  const queryRequired = operation.parameters.some((parameter) => parameter.in === 'query' && parameter.required);
  const headers = operation.parameters.filter(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() !== 'accept',
  );
  const headerNames = headers.map((parameter) => parameter.name);
  const headerRequired = headers.some((parameter) => parameter.required);
  const bodyTypes = (operation.request?.media ?? []).map((media) => {
    const variants = [...new Set(media.variants.map((variant) => variant.typeExpression))];
    return variants.length > 0
      ? variants.join(' | ')
      : `NonNullable<${type}['requestBody']>['content'][${JSON.stringify(media.mediaType)}]`;
  });
  const kinds = successResponses(operation).map((response) => ({ response, kind: resultKind(response) }));
  const statusKey = (status: string) => (/^[0-9]+$/.test(status) ? status : JSON.stringify(status));
  const dataTypes = kinds.flatMap(({ response, kind }) => {
    const json = response.media.find((item) => item.kind === 'json');
    if (kind !== 'json' || !json) return [];
    return [
      json.typeExpression ??
        `${type}['responses'][${statusKey(response.status)}]['content'][${JSON.stringify(json.mediaType)}]`,
    ];
  });
  const result = union([...new Set(kinds.map(({ kind }) => kind))]);
  const data = dataTypes.length > 0 ? [...new Set(dataTypes)].join(' | ') : 'never';
  return `{
    pathArgs: [${pathArgs.join(', ')}];
    body: ${bodyTypes.length > 0 ? [...new Set(bodyTypes)].join(' | ') : 'never'};
    bodyRequired: ${operation.request?.required === true};
    requestMediaType: ${union((operation.request?.media ?? []).map((item) => item.mediaType))};
    accept: ${union(acceptValues(operation))};
    query: ${hasQuery ? `NonNullable<${type}['parameters']['query']>` : 'never'};
    queryRequired: ${queryRequired};
    headerRequired: ${headerRequired};
    header: ${headerNames.length > 0 ? `Pick<NonNullable<${type}['parameters']['header']>, ${union(headerNames)}>` : 'never'};
    result: ${result};
    data: ${data};
  }`;
}

function docComment(lines: string[], indent: string): string[] {
  const text = lines
    .join('\n\n')
    .replaceAll('*/', '*\\/')
    .split('\n')
    .map((line) => `${indent} *${line ? ` ${line}` : ''}`);
  return [`${indent}/**`, ...text, `${indent} */`];
}

function groupsInterface(model: SpecModel): string[] {
  const groups = new Map<string, OperationModel[]>();
  for (const operation of model.operations)
    groups.set(operation.group, [...(groups.get(operation.group) ?? []), operation]);
  return [...groups].flatMap(([group, operations]) => [
    ...docComment([`The ${group} operations: ${operations.map((operation) => operation.name).join(', ')}.`], '  '),
    `  ${JSON.stringify(group)}: {`,
    ...operations.flatMap((operation) => [
      ...docComment(
        [
          ...(operation.summary ? [operation.summary] : []),
          ...(operation.description && operation.description !== operation.summary ? [operation.description] : []),
          `\`${operation.method.toUpperCase()} ${operation.path}\` (operationId \`${operation.operationId}\`)`,
          ...(operation.deprecated ? ['@deprecated The spec marks this operation deprecated.'] : []),
        ],
        '    ',
      ),
      `    ${JSON.stringify(operation.name)}: M[${JSON.stringify(operation.operationId)}];`,
    ]),
    '  };',
  ]);
}
