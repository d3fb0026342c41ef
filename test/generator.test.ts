import { describe, expect, it } from 'vitest';
import { generateFiles } from '../scripts/generate/index.js';
import { buildModel } from '../scripts/generate/model.js';
import { groupName, methodName, nameOperations, words } from '../scripts/generate/naming.js';
import { type OpenApiDocument, SpecError } from '../scripts/generate/spec.js';
import { specDocument } from './helpers/spec.js';

/** A minimal OpenAPI 3.0 document with the given paths. */
function spec(paths: OpenApiDocument['paths'], extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths, ...extra };
}

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };

/** The SpecError `build` throws, or fails. */
function specError(build: () => unknown): SpecError {
  try {
    build();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('naming rule: group from the first tag, method from the operationId', () => {
  it.each([
    ['listEngines', 'engines', 'list'],
    ['userAccount', 'user', 'account'],
    ['userBalance', 'user', 'balance'],
    ['textToImage', 'generation', 'textToImage'],
    ['upscaleImage', 'generation', 'upscaleImage'],
    ['getEngine', 'engines', 'get'],
    ['engines', 'engines', 'engines'],
    ['v1alpha/engines#listEngines', 'engines', 'v1alphaEnginesList'],
  ])('%s in group %s is %s', (operationId, group, expected) => {
    expect(methodName(operationId, group)).toBe(expected);
  });

  it('takes the group from the last part of the first tag, else from the path', () => {
    expect(groupName({ tags: ['v1/generation', 'other'] }, '/x')).toBe('generation');
    expect(groupName({ tags: ['SDXL 1.0 & SD1.6'] }, '/x')).toBe('sdxl10Sd16');
    expect(groupName({}, '/v1/engines/{engine_id}')).toBe('engines');
    expect(groupName({ tags: ['raw'] }, '/x')).toBe('rawOperations');
    expect(words('Stability-Client-ID')).toEqual(['stability', 'client', 'id']);
  });

  it('applies overrides by operationId or "method path", and reports the unused ones', () => {
    const inputs = [
      {
        operationId: 'upscaleImage',
        method: 'post' as const,
        path: '/u',
        pointer: '#/paths/~1u/post',
        operation: { tags: ['g'] },
      },
      {
        operationId: 'getX',
        method: 'get' as const,
        path: '/x',
        pointer: '#/paths/~1x/get',
        operation: { tags: ['g'] },
      },
    ];
    const { names, unusedOverrides } = nameOperations(inputs, {
      operations: { upscaleImage: { method: 'upscale' }, 'get /x': { group: 'things' }, gone: { method: 'x' } },
    });
    expect(Object.fromEntries(names)).toEqual({
      upscaleImage: { group: 'g', method: 'upscale' },
      getX: { group: 'things', method: 'getX' },
    });
    expect(unusedOverrides).toEqual(['gone']);
  });

  it('gives two operations that would share a name their full operationIds', () => {
    const document = spec({
      '/a': { get: { operationId: 'listThings', tags: ['things'], responses: ok } },
      '/b': { get: { operationId: 'things_list', tags: ['things'], responses: ok } },
    });
    expect(buildModel(document).operations.map((operation) => operation.name)).toEqual(['listThings', 'thingsList']);
  });

  it("keeps today's names for our spec", () => {
    const names = buildModel(specDocument(), { operations: { upscaleImage: { method: 'upscale' } } }).operations.map(
      (operation) => `${operation.group}.${operation.name}`,
    );
    expect(names.sort()).toEqual([
      'engines.list',
      'generation.imageToImage',
      'generation.masking',
      'generation.textToImage',
      'generation.upscale',
      'user.account',
      'user.balance',
    ]);
  });
});

describe('the generator reads ordinary OpenAPI 3.0', () => {
  it('merges path-level parameters, the operation winning, path parameters first in path order', () => {
    const document = spec({
      '/v/{b}/x/{a}': {
        parameters: [
          { name: 'a', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'integer', default: 1 } },
        ],
        get: {
          operationId: 'op',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'integer', default: 2 } },
            { name: 'b', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'Content-Type', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'authorization', in: 'header', required: true, schema: { type: 'string' } },
          ],
          responses: ok,
        },
      },
    });
    const [operation] = buildModel(document).operations;
    expect(
      operation?.parameters.map((parameter) => `${parameter.in} ${parameter.name} ${String(parameter.default)}`),
    ).toEqual(['path b undefined', 'path a undefined', 'query q 2']);
  });

  it('names inline request and response schemas after their operation, and reads several media types', () => {
    const document = spec({
      '/things': {
        post: {
          operationId: 'createThing',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', properties: { n: { type: 'integer', default: 3 } } } },
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
              },
            },
          },
          responses: {
            '201': {
              description: 'made',
              content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
      },
    });
    const [operation] = buildModel(document).operations;
    expect(operation?.request?.media.map((media) => [media.encoding, media.variants[0]?.validatorName])).toEqual([
      ['json', 'validateCreateThingJsonRequestBody'],
      ['multipart', 'validateCreateThingFormDataRequestBody'],
    ]);
    expect(operation?.request?.media[0]?.variants[0]?.fields).toEqual([
      { name: 'n', upload: false, type: 'integer', default: 3 },
    ]);
    expect(operation?.responses[0]?.media[0]).toMatchObject({
      kind: 'json',
      jsonType: 'array',
      validatorName: 'validateCreateThing201Response',
    });
  });

  it('substitutes server variables with their defaults, path included', () => {
    const document = spec(
      { '/a': { get: { operationId: 'a', responses: ok } } },
      {
        servers: [
          {
            url: 'https://{region}.example.test/v{version}',
            variables: { region: { default: 'eu' }, version: { default: '1' } },
          },
        ],
      },
    );
    expect(buildModel(document).serverUrl).toBe('https://eu.example.test/v1');
  });

  it('generates a client for an operation with neither body nor operationId', async () => {
    const files = await generateFiles(
      JSON.stringify(
        spec({
          '/v1/things/{id}': {
            get: {
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              responses: ok,
            },
          },
        }),
      ),
    );
    expect(files.get('operations.ts')).toContain('"getThings": {');
    expect(files.get('operations.ts')).toContain('"things": {');
  });

  it.each([
    ['a spec that is not 3.0', { ...spec({}), openapi: '3.1.0' }, '#/openapi'],
    [
      'an external reference',
      spec({ '/a': { get: { operationId: 'a', responses: { '200': { $ref: 'other.json#/x' } } } } }),
      '#/paths/~1a/get/responses/200',
    ],
    [
      'a dangling reference',
      spec({ '/a': { get: { operationId: 'a', responses: { '200': { $ref: '#/components/responses/Gone' } } } } }),
      '#/paths/~1a/get/responses/200',
    ],
    [
      'a path parameter that is not declared',
      spec({ '/a/{id}': { get: { operationId: 'a', responses: ok } } }),
      '#/paths/~1a~1{id}/get',
    ],
    [
      'a request media type the client cannot encode',
      spec({
        '/a': {
          post: {
            operationId: 'a',
            requestBody: { content: { 'application/xml': { schema: { type: 'object' } } } },
            responses: ok,
          },
        },
      }),
      '#/paths/~1a/post/requestBody/content/application~1xml',
    ],
    [
      'two operations with one operationId',
      spec({ '/a': { get: { operationId: 'a', responses: ok } }, '/b': { get: { operationId: 'a', responses: ok } } }),
      '#/paths/~1b/get',
    ],
  ])('fails on %s with a SpecError naming the JSON pointer', async (_what, document, pointer) => {
    const error = await generateFiles(JSON.stringify(document)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).pointer).toBe(pointer);
    expect((error as SpecError).message.startsWith(`${pointer}: `)).toBe(true);
  });

  it('repairs a discriminator mapping to schemas that are gone, and says so in the generated header', async () => {
    const document = specDocument();
    delete document.components?.schemas?.ImageToImageUsingImageStrengthRequestBody;
    delete document.components?.schemas?.ImageToImageUsingStepScheduleRequestBody;
    const files = await generateFiles(JSON.stringify(document));
    expect(files.get('operations.ts')).toContain(
      '// Spec repaired in memory: #/components/schemas/ImageToImageRequestBody/discriminator/mapping: dropped',
    );
    expect(specError(() => buildModel(document)).pointer).toBe(
      '#/components/schemas/ImageToImageRequestBody/discriminator/mapping',
    );
  });
});
