import { type NamingInput, type NamingOverrides, nameOperations, pascalCase } from './naming.js';
import {
  collectProperties,
  collectRequired,
  componentSchemaName,
  escapePointerSegment,
  follow,
  type HeaderObject,
  type HttpMethod,
  httpMethods,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  pointerOf,
  type RequestBodyObject,
  type ResponseObject,
  resolvePointer,
  type SchemaObject,
  SpecError,
} from './spec.js';

/** How a request body of a media type goes on the wire. */
export type Encoding = 'json' | 'multipart' | 'form' | 'binary' | 'text';

/** How a response body of a media type is read. */
export type ResponseKind = 'json' | 'image' | 'binary' | 'text';

/** How the client picks one variant of a request body. */
export type VariantSelector =
  | { kind: 'single' }
  | { kind: 'discriminator'; propertyName: string; defaultValue?: string; mapping: Record<string, string> }
  | { kind: 'oneOf' };

/** Facts about one field of a request variant, for the client's checks and the prose rules. */
export interface FieldModel {
  name: string;
  /** The component schema the field refers to (`DiffuseImageWidth`), when it is a `$ref`. */
  schemaName?: string;
  /** The type of the field's schema, once references are followed. */
  type?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  /** `format: binary`: a file on the wire. */
  upload: boolean;
}

/** One request-body schema with its own validator. */
export interface VariantModel {
  /** The component schema name, or a name made from the operation for an inline schema. */
  name: string;
  validatorName: string;
  /** Where the schema lives in the spec: ajv compiles it from there. */
  pointer: string;
  /** TypeScript type of a body of this variant, relative to the generated types module. */
  typeExpression: string;
  /** The resolved schema's type (`object`, `array`, `string`...), if it states one or has properties. */
  type?: string;
  fields: FieldModel[];
  required: string[];
  /** Whether fields the schema does not declare are refused (it does not allow additional properties). */
  closed: boolean;
}

/** A request body's media type, its variants and how one is chosen. */
export interface RequestMediaModel {
  mediaType: string;
  encoding: Encoding;
  selector: VariantSelector;
  variants: VariantModel[];
}

/** A response body's media type and how to read and check it. */
export interface ResponseMediaModel {
  mediaType: string;
  kind: ResponseKind;
  /** Validator of a JSON body. */
  validatorName?: string;
  pointer?: string;
  typeExpression?: string;
  /** The JSON schema's top-level type. */
  jsonType?: string;
  /** For a JSON object, its one array property (where a list of results lives), if it has exactly one. */
  arrayProperty?: string;
}

/** A response header, with the facts of its schema. */
export interface HeaderModel {
  name: string;
  required: boolean;
  type?: string;
  enum?: unknown[];
}

/** The responses of one status a call can read (`200`, `2XX`, `default`: see {@link readableStatus}). */
export interface ResponseModel {
  status: string;
  description?: string;
  media: ResponseMediaModel[];
  headers: HeaderModel[];
}

/** One parameter, with the pointer of its schema and the values the spec gives for it. */
export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  /** Pointer to the parameter's schema, for its validator. */
  schemaPointer: string;
  type?: string;
  default?: unknown;
  enum?: unknown[];
  /** The example values the spec gives (`example`, `examples`, the schema's `example`). */
  examples: unknown[];
  /** How a query parameter is serialised, when the spec says (`form`, `deepObject`, ...). */
  style?: string;
  explode?: boolean;
}

/** Everything the client needs of one operation. */
export interface OperationModel {
  operationId: string;
  group: string;
  name: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Path parameters in the order they appear in the path, then the others in spec order. */
  parameters: ParameterModel[];
  /** Validator of the parameters as `{ path, query, header }`, when the operation has any. */
  parametersValidatorName?: string;
  request?: { required: boolean; media: RequestMediaModel[] };
  /** The responses a call can read (see {@link readableStatus}). */
  responses: ResponseModel[];
  /** TypeScript type of the operation, relative to the generated types module. */
  typeExpression: string;
}

/** The spec, as the client sees it: where the server is and every operation. */
export interface SpecModel {
  title?: string;
  version?: string;
  /** `servers[0].url` with its variables' defaults substituted; `''` when the spec has no server. */
  serverUrl: string;
  operations: OperationModel[];
  /** Validators to compile: exported name to the pointer of the schema (or `parameters:<operationId>`). */
  validators: Map<string, string>;
  /** Naming overrides that matched no operation. */
  unusedOverrides: string[];
  /** Parts of the spec the client cannot use and left out (e.g. a request media type it cannot encode). */
  notes: string[];
}

/** The validator source of parameters: not a pointer, a schema the generator composes from them. */
export const parametersSource = 'parameters:';

/** Reads every operation of an OpenAPI 3.0 document; throws a SpecError naming the pointer of what it cannot express. */
export function buildModel(document: OpenApiDocument, overrides: NamingOverrides = {}): SpecModel {
  const validatorNames = new ValidatorNames();
  const inputs = listOperations(document);
  const { names, unusedOverrides } = nameOperations(inputs, overrides);
  const operations = inputs.map((input) => {
    const name = names.get(input.operationId) as { group: string; method: string };
    return describeOperation(document, input, name, validatorNames);
  });
  return {
    title: document.info?.title,
    version: document.info?.version,
    serverUrl: serverUrl(document),
    operations,
    validators: validatorNames.byName,
    unusedOverrides,
    notes: validatorNames.notes,
  };
}

function listOperations(document: OpenApiDocument): Array<NamingInput & { pathItemPointer: string }> {
  const found: Array<Omit<NamingInput, 'operationId'> & { pathItemPointer: string }> = [];
  for (const [path, rawItem] of Object.entries(document.paths)) {
    const pathItemPointer = pointerOf('paths', path);
    const { value: item } = follow(document, rawItem, pathItemPointer);
    for (const method of httpMethods) {
      const operation = item[method] as OperationObject | undefined;
      if (operation) found.push({ method, path, pointer: `${pathItemPointer}/${method}`, operation, pathItemPointer });
    }
  }
  const explicit = new Set(found.flatMap(({ operation }) => (operation.operationId ? [operation.operationId] : [])));
  const made = found.flatMap(({ operation, method, path }) =>
    operation.operationId ? [] : [defaultOperationId(method, path)],
  );
  const ids = new Map<string, string>();
  return found.map((input) => {
    let operationId = input.operation.operationId;
    if (!operationId) {
      // `get /things` and `get /things/{id}` would both be getThings: a clash takes the path parameters too.
      const short = defaultOperationId(input.method, input.path);
      const clashes = explicit.has(short) || made.filter((id) => id === short).length > 1;
      operationId = clashes ? defaultOperationId(input.method, input.path, true) : short;
    }
    const earlier = ids.get(operationId);
    if (earlier) throw new SpecError(input.pointer, `operationId ${operationId} is also used at ${earlier}`);
    ids.set(operationId, input.pointer);
    return { ...input, operationId };
  });
}

/**
 * An operationId for an operation without one: the method and the path's literal segments
 * (`getEngines` for `get /v1/engines/{engine_id}`), with the path parameters when `withParameters`
 * (`getEnginesByEngineId`).
 */
function defaultOperationId(method: HttpMethod, path: string, withParameters = false): string {
  const segments = path
    .split('/')
    .filter((segment) => segment && !/^v\d+/.test(segment) && (withParameters || !segment.startsWith('{')))
    .map((segment) => (segment.startsWith('{') ? `By ${segment.slice(1, -1)}` : segment));
  return `${method}${segments.map(pascalCase).join('')}`;
}

function serverUrl(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (!server) return '';
  return server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const variable = server.variables?.[name];
    if (!variable) throw new SpecError('#/servers/0/url', `server variable {${name}} has no default`);
    return variable.default;
  });
}

function describeOperation(
  document: OpenApiDocument,
  input: NamingInput & { pathItemPointer: string },
  name: { group: string; method: string },
  validatorNames: ValidatorNames,
): OperationModel {
  const { operation, pointer, path, method, operationId } = input;
  const base = pascalCase(operationId);
  const typeExpression = `paths[${JSON.stringify(path)}][${JSON.stringify(method)}]`;
  const parameters = describeParameters(document, input);
  const request = operation.requestBody
    ? describeRequestBody(
        document,
        operation.requestBody,
        `${pointer}/requestBody`,
        base,
        typeExpression,
        validatorNames,
      )
    : undefined;
  return {
    operationId,
    group: name.group,
    name: name.method,
    method,
    path,
    pointer,
    summary: operation.summary,
    description: operation.description,
    deprecated: operation.deprecated === true,
    parameters,
    ...(parameters.length > 0
      ? {
          parametersValidatorName: validatorNames.claim(
            `${base}Parameters`,
            `${parametersSource}${parametersKey(document, parameters)}`,
          ),
        }
      : {}),
    request,
    responses: describeResponses(document, operation, pointer, base, typeExpression, validatorNames),
    typeExpression,
  };
}

/**
 * What an operation's parameters check, without their annotations: operations whose parameters check the
 * same share one validator (the four generations of our spec do, with their five parameters).
 */
function parametersKey(document: OpenApiDocument, parameters: ParameterModel[]): string {
  const annotation = (key: string) =>
    key === 'example' || key === 'examples' || key === 'description' || key.startsWith('x-');
  return JSON.stringify(
    parameters.map((parameter) => [
      parameter.in,
      parameter.name,
      parameter.required,
      follow(
        document,
        resolvePointer(document, parameter.schemaPointer, parameter.schemaPointer) as SchemaObject,
        parameter.schemaPointer,
      ).value,
    ]),
    (key, value) => (annotation(key) ? undefined : value),
  );
}

/** Path-level parameters merged with the operation's (the operation's win, by name and location). */
function describeParameters(
  document: OpenApiDocument,
  input: NamingInput & { pathItemPointer: string },
): ParameterModel[] {
  const { value: item } = follow(document, document.paths[input.path] ?? {}, input.pathItemPointer);
  const declared = new Map<string, ParameterModel>();
  const add = (list: ParameterObject[] | undefined, listPointer: string) => {
    for (const [index, raw] of (list ?? []).entries()) {
      const parameter = describeParameter(document, raw, `${listPointer}/${index}`);
      declared.set(`${parameter.in}:${parameter.name.toLowerCase()}`, parameter);
    }
  };
  add(item.parameters, `${input.pathItemPointer}/parameters`);
  add(input.operation.parameters, `${input.pointer}/parameters`);
  // OpenAPI: header parameters named Content-Type or Authorization "SHALL be ignored" (the client sets both);
  // Accept is kept, as this API gives it an enum and a default. Cookies are not sent.
  const ignored = new Set(['content-type', 'authorization']);
  const parameters = [...declared.values()].filter(
    (parameter) =>
      parameter.in !== 'cookie' && !(parameter.in === 'header' && ignored.has(parameter.name.toLowerCase())),
  );
  const templateNames = [...input.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  for (const templateName of templateNames) {
    if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === templateName)) {
      throw new SpecError(input.pointer, `path parameter {${templateName}} is in the path but not declared`);
    }
  }
  const position = (parameter: ParameterModel) =>
    parameter.in === 'path' ? templateNames.indexOf(parameter.name) : templateNames.length;
  return parameters
    .filter((parameter) => parameter.in !== 'path' || templateNames.includes(parameter.name))
    .sort((a, b) => position(a) - position(b));
}

function describeParameter(document: OpenApiDocument, raw: ParameterObject, rawPointer: string): ParameterModel {
  const { value: parameter, pointer } = follow(document, raw, rawPointer);
  if (!parameter.schema) {
    throw new SpecError(pointer, 'a parameter given by `content` instead of `schema` is not supported');
  }
  const schema = follow(document, parameter.schema, `${pointer}/schema`).value;
  const examples = [
    parameter.example,
    ...Object.values(parameter.examples ?? {}).map((example) => example.value),
    schema.example,
    parameter.schema.example,
  ].filter((value, index, all) => value !== undefined && all.indexOf(value) === index);
  return {
    name: parameter.name,
    in: parameter.in,
    required: parameter.in === 'path' || parameter.required === true,
    description: parameter.description,
    schemaPointer: `${pointer}/schema`,
    type: schema.type,
    default: schema.default,
    enum: schema.enum,
    examples,
    ...(typeof parameter.style === 'string' ? { style: parameter.style } : {}),
    ...(typeof parameter.explode === 'boolean' ? { explode: parameter.explode } : {}),
  };
}

function describeRequestBody(
  document: OpenApiDocument,
  raw: RequestBodyObject,
  rawPointer: string,
  base: string,
  operationType: string,
  validatorNames: ValidatorNames,
): { required: boolean; media: RequestMediaModel[] } {
  const { value: body, pointer } = follow(document, raw, rawPointer);
  const all = Object.entries(body.content ?? {});
  if (all.length === 0) throw new SpecError(pointer, 'a request body with no content type');
  // A media type the client cannot encode is left out when another remains; alone, it is an error.
  const entries = all.filter(([mediaType, media]) =>
    encodable(mediaType, media.schema && follow(document, media.schema, pointer).value),
  );
  for (const [mediaType] of all.filter((entry) => !entries.includes(entry))) {
    if (entries.length === 0) encodingOf(mediaType, undefined, `${pointer}/content/${escapePointerSegment(mediaType)}`);
    validatorNames.notes.push(
      `${pointer}/content/${escapePointerSegment(mediaType)}: the client cannot encode ${mediaType}`,
    );
  }
  const media = entries.map(([mediaType, mediaObject]) => {
    const mediaPointer = `${pointer}/content/${escapePointerSegment(mediaType)}`;
    const suffix = entries.length > 1 ? pascalCase(mediaType.split(';')[0]?.split('/')[1] ?? mediaType) : '';
    const bodyType = `NonNullable<${operationType}['requestBody']>['content'][${JSON.stringify(mediaType)}]`;
    return describeRequestMedia(
      document,
      mediaType,
      mediaObject,
      mediaPointer,
      `${base}${suffix}`,
      bodyType,
      validatorNames,
    );
  });
  return { required: body.required === true, media };
}

function encodable(mediaType: string, schema: SchemaObject | undefined): boolean {
  try {
    encodingOf(mediaType, schema, '#');
    return true;
  } catch {
    return false;
  }
}

function encodingOf(mediaType: string, schema: SchemaObject | undefined, pointer: string): Encoding {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'multipart/form-data') return 'multipart';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type.startsWith('text/')) return 'text';
  if (type === 'application/octet-stream' || type.startsWith('image/') || schema?.format === 'binary') return 'binary';
  throw new SpecError(pointer, `request media type ${mediaType} is not one the client can encode`);
}

function describeRequestMedia(
  document: OpenApiDocument,
  mediaType: string,
  media: MediaTypeObject,
  pointer: string,
  base: string,
  bodyType: string,
  validatorNames: ValidatorNames,
): RequestMediaModel {
  if (!media.schema) {
    return {
      mediaType,
      encoding: encodingOf(mediaType, undefined, pointer),
      selector: { kind: 'single' },
      variants: [],
    };
  }
  const schemaPointer = `${pointer}/schema`;
  const encoding = encodingOf(mediaType, follow(document, media.schema, schemaPointer).value, pointer);
  const variant = (schema: SchemaObject, at: string, fallbackName: string, typeExpression?: string) =>
    describeVariant(document, schema, at, fallbackName, typeExpression, validatorNames);
  const { value: root, pointer: rootPointer } = follow(document, media.schema, schemaPointer);
  const branchKeyword = root.oneOf ? 'oneOf' : root.anyOf ? 'anyOf' : undefined;
  const branches = branchKeyword ? (root[branchKeyword] as SchemaObject[]) : undefined;
  const mapping = discriminatorMapping(root, branches);
  if (root.discriminator && mapping) {
    const { propertyName } = root.discriminator;
    const targets = [...new Set(Object.values(mapping))];
    const property = collectProperties(document, root, rootPointer)[propertyName];
    const defaultValue = property ? follow(document, property.schema, property.pointer).value.default : undefined;
    const variants = targets.map((ref, index) =>
      variant({ $ref: ref }, `${rootPointer}/discriminator/mapping`, `${base}RequestBody${index + 1}`, bodyType),
    );
    const names = new Map(targets.map((ref, index) => [ref, variants[index]?.name ?? ref]));
    return {
      mediaType,
      encoding,
      selector: {
        kind: 'discriminator',
        propertyName,
        ...(typeof defaultValue === 'string' ? { defaultValue } : {}),
        mapping: Object.fromEntries(Object.entries(mapping).map(([value, ref]) => [value, names.get(ref) ?? ref])),
      },
      variants,
    };
  }
  if (branches && branchKeyword && !root.properties && !root.allOf) {
    return {
      mediaType,
      encoding,
      selector: { kind: 'oneOf' },
      variants: branches.map((branch, index) =>
        variant(branch, `${rootPointer}/${branchKeyword}/${index}`, `${base}RequestBody${index + 1}`, bodyType),
      ),
    };
  }
  return {
    mediaType,
    encoding,
    selector: { kind: 'single' },
    variants: [variant(media.schema, schemaPointer, `${base}RequestBody`, bodyType)],
  };
}

/** A discriminator's value-to-schema mapping: as the spec writes it, or implied by `oneOf` branches' names. */
function discriminatorMapping(
  root: SchemaObject,
  branches: SchemaObject[] | undefined,
): Record<string, string> | undefined {
  if (!root.discriminator) return undefined;
  const explicit = root.discriminator.mapping ?? {};
  // OpenAPI: a oneOf branch the mapping does not list is still selected by its schema name.
  const refs = (branches ?? []).map((branch) => branch.$ref);
  const implied = refs.every((ref) => componentSchemaName(ref) !== undefined)
    ? Object.fromEntries(
        refs
          .filter((ref) => !Object.values(explicit).includes(ref as string))
          .map((ref) => [componentSchemaName(ref) as string, ref as string]),
      )
    : {};
  const mapping = { ...implied, ...explicit };
  return Object.keys(mapping).length > 0 ? mapping : undefined;
}

/** The generated type of a component schema reference, if `ref` is one. */
function schemaType(ref: string): string | undefined {
  const name = componentSchemaName(ref);
  return name === undefined ? undefined : `components['schemas'][${JSON.stringify(name)}]`;
}

function describeVariant(
  document: OpenApiDocument,
  schema: SchemaObject,
  pointer: string,
  fallbackName: string,
  typeExpression: string | undefined,
  validatorNames: ValidatorNames,
): VariantModel {
  const { value: resolved, pointer: at } = follow(document, schema, pointer);
  const componentName = componentSchemaName(schema.$ref);
  const name = componentName ?? fallbackName;
  const properties = collectProperties(document, resolved, at);
  const fields = Object.entries(properties)
    .map(([fieldName, property]) => describeField(document, fieldName, property.schema, property.pointer))
    .sort((a, b) => a.name.localeCompare(b.name));
  const objectLike = resolved.type === 'object' || fields.length > 0;
  return {
    name,
    validatorName: validatorNames.claim(name, at),
    pointer: at,
    typeExpression: (componentName ? schemaType(schema.$ref as string) : typeExpression) ?? 'unknown',
    type: resolved.type ?? (objectLike ? 'object' : undefined),
    fields,
    required: collectRequired(document, resolved, at).sort(),
    closed: objectLike && !allowsAdditionalProperties(document, resolved, at),
  };
}

function allowsAdditionalProperties(document: OpenApiDocument, schema: SchemaObject, pointer: string): boolean {
  const { value: resolved, pointer: at } = follow(document, schema, pointer);
  if (resolved.additionalProperties !== undefined && resolved.additionalProperties !== false) return true;
  return (resolved.allOf ?? []).some((branch, index) =>
    allowsAdditionalProperties(document, branch, `${at}/allOf/${index}`),
  );
}

function describeField(document: OpenApiDocument, name: string, schema: SchemaObject, pointer: string): FieldModel {
  const { value: resolved } = follow(document, schema, pointer);
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const field: FieldModel = { name, upload: resolved.format === 'binary' };
  const schemaName = componentSchemaName(schema.$ref);
  if (schemaName !== undefined) field.schemaName = schemaName;
  if (resolved.type !== undefined) field.type = resolved.type;
  if (resolved.default !== undefined) field.default = resolved.default;
  if (resolved.enum !== undefined) field.enum = resolved.enum;
  const minimum = number(resolved.minimum);
  const maximum = number(resolved.maximum);
  if (minimum !== undefined) field.minimum = minimum;
  if (maximum !== undefined) field.maximum = maximum;
  return field;
}

function responseKind(mediaType: string, schema: SchemaObject | undefined): ResponseKind {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  // `*/*` or `application/*` with a structured schema is JSON in practice; the body's own type decides at run time.
  const structured =
    schema && schema.format !== 'binary' && (schema.type === 'object' || schema.type === 'array' || schema.properties);
  if ((type === '*/*' || type === 'application/*') && structured) return 'json';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('text/') && schema?.format !== 'binary') return 'text';
  return 'binary';
}

/**
 * Whether a call can read a response of this status: 2xx (or the `2XX` range), or `default` (what a 2xx
 * status the spec does not list is read as). A non-2xx answer becomes an `APIError` from its status, its body
 * unchecked: the model leaves those responses out, and with them their validators (the `Error` schema's).
 */
export function readableStatus(status: string): boolean {
  return status.startsWith('2') || status === 'default';
}

function describeResponses(
  document: OpenApiDocument,
  operation: OperationObject,
  operationPointer: string,
  base: string,
  operationType: string,
  validatorNames: ValidatorNames,
): ResponseModel[] {
  const responses = Object.entries(operation.responses ?? {});
  if (responses.length === 0) throw new SpecError(`${operationPointer}/responses`, 'an operation with no response');
  return responses
    .filter(([status]) => readableStatus(status))
    .map(([status, raw]) => {
      const rawPointer = `${operationPointer}/responses/${escapePointerSegment(status)}`;
      const { value: response, pointer } = follow(document, raw as ResponseObject, rawPointer);
      const responseName = raw.$ref?.match(/^#\/components\/responses\/([^/]+)$/)?.[1];
      const nameBase = responseName
        ? `${/^[0-9]/.test(responseName) ? 'Response' : ''}${responseName}`
        : `${base}${/^[0-9]/.test(status) ? status.replace(/\W/g, '') : pascalCase(status)}Response`;
      const media = Object.entries(response.content ?? {}).map(([mediaType, mediaObject]) =>
        describeResponseMedia(
          document,
          mediaType,
          mediaObject,
          pointer,
          status,
          nameBase,
          operationType,
          validatorNames,
        ),
      );
      return {
        status,
        ...(response.description ? { description: response.description } : {}),
        media,
        headers: Object.entries(response.headers ?? {}).map(([name, header]) =>
          describeHeader(document, name, header, `${pointer}/headers/${escapePointerSegment(name)}`),
        ),
      };
    });
}

function describeResponseMedia(
  document: OpenApiDocument,
  mediaType: string,
  media: MediaTypeObject,
  responsePointer: string,
  status: string,
  nameBase: string,
  operationType: string,
  validatorNames: ValidatorNames,
): ResponseMediaModel {
  const pointer = `${responsePointer}/content/${escapePointerSegment(mediaType)}/schema`;
  const resolved = media.schema ? follow(document, media.schema, pointer) : undefined;
  // A JSON body without a schema is read but not checked.
  const kind = responseKind(mediaType, resolved?.value);
  if (kind !== 'json' || !media.schema || !resolved) return { mediaType, kind };
  const componentName = componentSchemaName(media.schema.$ref);
  const statusKey = /^[0-9]+$/.test(status) ? status : JSON.stringify(status);
  const arrays = Object.entries(collectProperties(document, resolved.value, resolved.pointer)).filter(
    ([, property]) => follow(document, property.schema, property.pointer).value.type === 'array',
  );
  const jsonType = resolved.value.type ?? (resolved.value.properties ? 'object' : undefined);
  return {
    mediaType,
    kind,
    validatorName: validatorNames.claim(componentName ?? nameBase, resolved.pointer),
    pointer: resolved.pointer,
    typeExpression:
      (componentName ? schemaType(media.schema.$ref as string) : undefined) ??
      `${operationType}['responses'][${statusKey}]['content'][${JSON.stringify(mediaType)}]`,
    ...(jsonType ? { jsonType } : {}),
    ...(jsonType === 'object' && arrays.length === 1 ? { arrayProperty: arrays[0]?.[0] } : {}),
  };
}

function describeHeader(document: OpenApiDocument, name: string, raw: HeaderObject, pointer: string): HeaderModel {
  const { value: header, pointer: at } = follow(document, raw, pointer);
  const schema = header.schema ? follow(document, header.schema, `${at}/schema`).value : undefined;
  return {
    name,
    required: header.required === true,
    ...(schema?.type ? { type: schema.type } : {}),
    ...(schema?.enum ? { enum: schema.enum } : {}),
  };
}

/** A name as part of an identifier: as it is when it already fits (`RealESRGANUpscaleRequestBody`), else PascalCase. */
function identifierPart(name: string): string {
  if (/^[A-Za-z][A-Za-z0-9_$]*$/.test(name)) return name.charAt(0).toUpperCase() + name.slice(1);
  return pascalCase(name) || 'Schema';
}

/**
 * Validator names: `validate<Name>`, one per schema pointer. A schema used in many places gets one validator;
 * two schemas that would get the same name are numbered.
 */
class ValidatorNames {
  readonly byName = new Map<string, string>();
  /** What the generator left out of the spec, and where (written into the generated table's header). */
  readonly notes: string[] = [];
  private readonly byPointer = new Map<string, string>();

  claim(name: string, pointer: string): string {
    const known = this.byPointer.get(pointer);
    if (known) return known;
    const base = `validate${identifierPart(name)}`;
    let candidate = base;
    for (let counter = 2; this.byName.has(candidate); counter++) candidate = `${base}${counter}`;
    this.byName.set(candidate, pointer);
    this.byPointer.set(pointer, candidate);
    return candidate;
  }
}
