import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../scripts/generate/spec.js';
import { buildVariantProject, type VariantProject } from './helpers/variant-project.js';

/**
 * A small spec that is not this API's, made of ordinary OpenAPI 3.0 constructs a revision may bring: the
 * generator must turn it into a package that builds and whose methods send what the spec says.
 */
const pets: OpenApiDocument = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  servers: [{ url: 'https://pets.example.test/api' }],
  paths: {
    '/packages/{package}': {
      get: {
        tags: ['packages'],
        parameters: [
          { name: 'package', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string', minLength: 2 } },
          {
            name: 'ids',
            in: 'query',
            style: 'form',
            explode: false,
            schema: { type: 'array', items: { type: 'string' } },
          },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: { type: 'object', properties: { kind: { type: 'string' } } },
          },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        ],
        responses: {
          '200': {
            description: 'any type',
            content: {
              '*/*': {
                schema: {
                  type: 'object',
                  required: ['name'],
                  properties: {
                    name: { type: 'string' },
                    owner: { $ref: '#/components/schemas/Owner', nullable: true },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/owners/{owner}/pets': {
      post: {
        operationId: 'addPet',
        tags: ['pets'],
        parameters: [{ name: 'owner', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/vnd.api+json': {
              schema: {
                oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
                discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
              },
            },
            'application/xml': { schema: { type: 'object' } },
          },
        },
        responses: {
          '201': {
            description: 'made',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    '/photos': {
      put: {
        operationId: 'putPhoto',
        tags: ['pets'],
        requestBody: {
          content: {
            'application/json': { schema: { type: 'object', properties: { url: { type: 'string' } } } },
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          },
        },
        responses: { '204': { description: 'stored' } },
      },
    },
    '/things': { get: { tags: ['things'], responses: { '200': { description: 'ok' } } } },
    '/things/{id}': {
      get: {
        tags: ['things'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    schemas: {
      Owner: { type: 'object', properties: { name: { type: 'string' } } },
      Cat: {
        type: 'object',
        required: ['kind', 'meow'],
        properties: { kind: { type: 'string' }, meow: { type: 'boolean' } },
      },
      Dog: {
        type: 'object',
        required: ['kind', 'bark'],
        properties: { kind: { type: 'string' }, bark: { type: 'boolean' } },
      },
    },
  },
};

const usage = `import { createStabilityClient } from './index.js';
const client = createStabilityClient({ apiKey: 'k' });
export const required = () =>
  // @ts-expect-error X-Tenant is a required header parameter
  client.packages.get('left-pad');
export const given = () => client.packages.get('left-pad', { params: { header: { 'X-Tenant': 'acme' } } });
`;

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

describe('ordinary OpenAPI 3.0 constructs, in a spec that is not this one', () => {
  let project: VariantProject;
  let module: typeof import('../src/index.js');
  const requests: Request[] = [];
  let answer: (request: Request) => Response = () => new Response(null, { status: 204 });
  let client: Record<string, Record<string, AnyMethod>>;

  beforeAll(async () => {
    project = await buildVariantProject(pets, { extraFiles: { 'usage.ts': usage }, naming: undefined });
    module = await project.load();
    client = module.createStabilityClient({
      apiKey: 'sk-pets',
      fetch: async (request) => {
        requests.push(request);
        return answer(request.clone());
      },
    }) as unknown as Record<string, Record<string, AnyMethod>>;
  }, 60_000);

  afterAll(() => project?.remove());

  const last = () => requests.at(-1) as Request;

  it('names operations without an operationId apart, and notes the media type it left out', () => {
    expect(project.model.operations.map((operation) => `${operation.group}.${operation.name}`)).toEqual([
      'packages.get',
      'pets.add',
      'pets.putPhoto',
      'things.get',
      'things.getThingsById',
    ]);
    expect(project.generated.get('operations.ts')).toContain(
      '// Left out: #/paths/~1owners~1{owner}~1pets/post/requestBody/content/application~1xml: the client cannot encode application/xml',
    );
  });

  it('sends path, header and query parameters as the spec says, and reads a */* JSON answer with its checks', async () => {
    answer = () => Response.json({ name: 'left-pad', owner: null });
    const result = await client.packages?.get?.('left/pad', {
      params: { header: { 'X-Tenant': 'acme' }, query: { ids: ['a', 'b'], filter: { kind: 'npm' }, tags: ['x', 'y'] } },
    });
    expect(result).toEqual({ name: 'left-pad', owner: null });
    expect(last().url).toBe('https://pets.example.test/api/packages/left%2Fpad?ids=a,b&filter[kind]=npm&tags=x&tags=y');
    expect(last().headers.get('X-Tenant')).toBe('acme');
    answer = () => Response.json({ owner: 3 });
    const wrong = await client.packages
      ?.get?.('p', { params: { header: { 'X-Tenant': 'acme' } } })
      .catch((e: unknown) => e);
    expect(String(wrong), JSON.stringify(wrong)).toContain(
      "response does not match the spec (body must have required property 'name')",
    );
    const missing = await client.packages?.get?.('p').catch((e: unknown) => e);
    expect((missing as InstanceType<typeof module.ValidationError>).issues).toEqual([
      { path: 'header.X-Tenant', rule: 'required', message: 'is required' },
    ]);
  });

  it('selects a variant by a partial discriminator mapping (a Dog by its schema name), and no engine rule applies', async () => {
    answer = () => Response.json({ id: 7 }, { status: 201 });
    await client.pets?.add?.('dog-lover', { kind: 'cat', meow: true });
    await client.pets?.add?.('dog-lover', { kind: 'Dog', bark: true });
    expect(requests.slice(-2).map((request) => request.headers.get('Content-Type'))).toEqual([
      'application/vnd.api+json',
      'application/vnd.api+json',
    ]);
    const refused = await client.pets?.add?.('alice', { kind: 'Dog', meow: true }).catch((e: unknown) => e);
    expect(
      (refused as InstanceType<typeof module.ValidationError>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['/bark required']);
  });

  it('checks a 2xx status the spec does not list against its success response', async () => {
    answer = () => Response.json({ id: 'seven' });
    const error = await client.pets?.add?.('o', { kind: 'cat', meow: true }).catch((e: unknown) => e);
    expect(String(error)).toContain('/id must be integer');
  });

  it('sends a file as the binary media type when the spec also offers JSON', async () => {
    answer = () => new Response(null, { status: 204 });
    await client.pets?.putPhoto?.(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }));
    expect(last().headers.get('Content-Type')).toBe('application/octet-stream');
    expect(new Uint8Array(await last().arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    await client.pets?.putPhoto?.({ url: 'https://example.test/p.png' });
    expect(last().headers.get('Content-Type')).toBe('application/json');
  });
});
