import { httpMethods, type OpenApiDocument, type PathItemObject } from '../../scripts/generate/spec.js';

/**
 * Revisions of the spec made from ours by a transformation, each the kind of change a new revision of the
 * API's spec brings. The spec-variant tests regenerate the package from each and call it.
 */
export interface SpecVariant {
  name: string;
  /** What the variant exercises, for the test names and the README. */
  exercises: string;
  edit(document: OpenApiDocument): void;
  /** TypeScript compiled with the variant's package, beside src/index.ts: typed use of its methods. */
  usage?: string;
}

const generationPaths = (document: OpenApiDocument) =>
  Object.keys(document.paths).filter((path) => path.includes('/generation/'));

function renameSchema(document: OpenApiDocument, from: string, to: string): void {
  const schemas = document.components?.schemas ?? {};
  const schema = schemas[from];
  if (!schema) throw new Error(`the spec has no schema ${from}: revisit this variant`);
  schemas[to] = schema;
  delete schemas[from];
  const text = JSON.stringify(document).replaceAll(`"#/components/schemas/${from}"`, `"#/components/schemas/${to}"`);
  Object.assign(document, JSON.parse(text));
}

function schemaOf(document: OpenApiDocument, name: string) {
  const schema = document.components?.schemas?.[name];
  if (!schema) throw new Error(`the spec has no schema ${name}: revisit this variant`);
  return schema;
}

/** The path of our spec whose operation has this operationId. */
export function pathOf(document: OpenApiDocument, operationId: string): string {
  const found = Object.entries(document.paths).find(([, item]) =>
    httpMethods.some((method) => item[method]?.operationId === operationId),
  );
  if (!found) throw new Error(`the spec has no operation ${operationId}: revisit this variant`);
  return found[0];
}

export const specVariants: SpecVariant[] = [
  {
    name: 'server-path-prefix',
    exercises: 'a server URL with a path (https://api.stability.ai/v1) and paths without it',
    edit: (document) => {
      document.servers = [{ url: 'https://api.stability.ai/v1' }];
      document.paths = Object.fromEntries(
        Object.entries(document.paths).map(([path, item]) => [path.replace(/^\/v1(?=\/)/, ''), item]),
      );
    },
  },
  {
    name: 'operations-added',
    exercises: 'a new GET with a query parameter and an inline JSON response, a new multipart POST that answers images',
    edit: (document) => {
      document.paths['/v1/user/usage'] = {
        get: {
          operationId: 'userUsage',
          tags: ['v1/user'],
          summary: 'usage',
          description: 'Credits used per day',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              required: false,
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
            },
          ],
          responses: {
            '200': {
              description: 'The usage',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['items'],
                    properties: {
                      items: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['day', 'credits'],
                          properties: { day: { type: 'string' }, credits: { type: 'number' } },
                        },
                      },
                    },
                  },
                  example: { items: [{ day: '2026-11-01', credits: 1.5 }] },
                },
              },
            },
            '401': { $ref: '#/components/responses/401' },
          },
        },
      };
      document.paths['/v1/generation/{engine_id}/image-to-image/outpaint'] = {
        post: {
          operationId: 'outpaint',
          tags: ['v1/generation'],
          summary: 'image-to-image/outpaint',
          description: 'Extend an image beyond its borders',
          parameters: [
            { $ref: '#/components/parameters/engineID' } as never,
            { $ref: '#/components/parameters/accept' } as never,
          ],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['image', 'text_prompts', 'direction'],
                  properties: {
                    image: { type: 'string', format: 'binary' },
                    text_prompts: { $ref: '#/components/schemas/TextPrompts' },
                    direction: { type: 'string', enum: ['left', 'right', 'up', 'down'] },
                    pixels: { type: 'integer', minimum: 64, maximum: 1024, default: 256 },
                  },
                },
              },
            },
          },
          responses: {
            '200': { $ref: '#/components/responses/GenerationResponse' },
            '400': { $ref: '#/components/responses/400FromGeneration' },
          },
        },
      };
    },
    usage: `import { createStabilityClient, type GenerationResult } from './index.js';
const stability = createStabilityClient({ apiKey: 'sk-usage' });
export const outpainted: () => Promise<GenerationResult> = () =>
  stability.generation.outpaint('stable-diffusion-v1-6', { image: new Uint8Array(), text_prompts: [{ text: 'sea' }], direction: 'left' });
export const days: () => Promise<string[]> = async () =>
  (await stability.user.usage({ params: { query: { limit: 5 } } })).items.map((item) => item.day);
export const wrongDirection = () =>
  // @ts-expect-error direction is one of the spec's values
  stability.generation.outpaint('e', { image: new Blob(), text_prompts: [{ text: 'x' }], direction: 'diagonal' });
export const wrongLimit = () =>
  // @ts-expect-error limit is an integer
  stability.user.usage({ params: { query: { limit: 'five' } } });
`,
  },
  {
    name: 'operation-removed',
    exercises: 'an operation the revision no longer has (masking)',
    edit: (document) => {
      delete document.paths[pathOf(document, 'masking')];
    },
    usage: `import { createStabilityClient, type MaskingBody } from './index.js';
const stability = createStabilityClient({ apiKey: 'sk-usage' });
// @ts-expect-error masking is gone from the spec, so from the client
export const gone = stability.generation.masking;
export const bodyIsNever: [MaskingBody] extends [never] ? true : false = true;
`,
  },
  {
    name: 'upscale-single-schema',
    exercises: 'the upscale oneOf replaced by one schema (the ESRGAN body)',
    edit: (document) => {
      const media =
        document.paths[pathOf(document, 'upscaleImage')]?.post?.requestBody?.content?.['multipart/form-data'];
      if (!media?.schema?.oneOf) throw new Error('the upscale body is no longer a oneOf: revisit this variant');
      media.schema = { $ref: '#/components/schemas/RealESRGANUpscaleRequestBody' };
    },
  },
  {
    name: 'inline-responses',
    exercises:
      'responses declared inline: generations as a bare array of images (as 2023 revisions do), the engine list as an inline array',
    edit: (document) => {
      const generation = document.components?.responses?.GenerationResponse;
      if (!generation?.content) throw new Error('no GenerationResponse: revisit this variant');
      for (const path of generationPaths(document)) {
        const operation = document.paths[path]?.post;
        if (!operation?.responses) continue;
        operation.responses['200'] = {
          description: 'OK response.',
          headers: generation.headers,
          content: {
            'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Image' } } },
            'image/png': generation.content['image/png'] ?? {},
          },
        };
      }
      const list = document.paths[pathOf(document, 'listEngines')]?.get;
      if (list?.responses) {
        list.responses['200'] = {
          description: 'OK response.',
          content: {
            'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Engine' } } },
          },
        };
      }
    },
  },
  {
    name: 'path-level-parameters',
    exercises: 'parameters declared on the path item instead of each operation',
    edit: (document) => {
      for (const item of Object.values(document.paths) as PathItemObject[]) {
        const operation = httpMethods.map((method) => item[method]).find(Boolean);
        if (!operation?.parameters) continue;
        item.parameters = operation.parameters;
        delete operation.parameters;
      }
    },
  },
  {
    name: 'schemas-renamed',
    exercises:
      'a renamed request schema (TextToImageRequestBody) and renamed size schemas, which switches the engine-size rule off',
    edit: (document) => {
      renameSchema(document, 'TextToImageRequestBody', 'TextToImageParameters');
      renameSchema(document, 'DiffuseImageWidth', 'OutputWidth');
      renameSchema(document, 'DiffuseImageHeight', 'OutputHeight');
    },
    usage: `import type { TextToImageBody } from './index.js';
export const body: TextToImageBody = { text_prompts: [{ text: 'x' }], width: 1024 };
`,
  },
  {
    name: 'enums-changed',
    exercises:
      'enum values added (Sampler K_NEW, FinishReason PARTIAL) and removed (Sampler DDIM, StylePreset 3d-model)',
    edit: (document) => {
      const sampler = schemaOf(document, 'Sampler');
      sampler.enum = [...(sampler.enum ?? []).filter((value) => value !== 'DDIM'), 'K_NEW'];
      const style = schemaOf(document, 'StylePreset');
      style.enum = (style.enum ?? []).filter((value) => value !== '3d-model');
      schemaOf(document, 'FinishReason').enum?.push('PARTIAL');
      (schemaOf(document, 'Image').properties?.finishReason?.enum as unknown[] | undefined)?.push('PARTIAL');
    },
    usage: `import { createStabilityClient } from './index.js';
const stability = createStabilityClient({ apiKey: 'sk-usage' });
export const added = () => stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }], sampler: 'K_NEW' });
// @ts-expect-error DDIM is no longer a sampler
export const removed = () => stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }], sampler: 'DDIM' });
`,
  },
  {
    name: 'defaults-changed',
    exercises: 'changed defaults: image size 1024x1024, Accept image/png',
    edit: (document) => {
      schemaOf(document, 'DiffuseImageWidth').default = 1024;
      schemaOf(document, 'DiffuseImageHeight').default = 1024;
      const accept = document.components?.parameters?.accept?.schema;
      if (!accept) throw new Error('no accept parameter: revisit this variant');
      accept.default = 'image/png';
    },
  },
  {
    name: 'several-media-types',
    exercises: 'a request body offered as JSON and as multipart (text-to-image)',
    edit: (document) => {
      const content = document.paths[pathOf(document, 'textToImage')]?.post?.requestBody?.content;
      const json = content?.['application/json'];
      if (!content || !json) throw new Error('text-to-image takes no JSON body: revisit this variant');
      content['multipart/form-data'] = { schema: json.schema };
    },
    usage: `import { createStabilityClient } from './index.js';
const stability = createStabilityClient({ apiKey: 'sk-usage' });
export const multipart = () =>
  stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }] }, { contentType: 'multipart/form-data' });
export const wrong = () =>
  // @ts-expect-error the spec offers JSON and multipart only
  stability.generation.textToImage('e', { text_prompts: [{ text: 'x' }] }, { contentType: 'text/plain' });
`,
  },
  {
    name: 'no-operation-id',
    exercises: 'an operation with neither operationId nor tags (GET /v1/engines/{engine_id}), named by the rule',
    edit: (document) => {
      document.paths['/v1/engines/{engine_id}'] = {
        get: {
          parameters: [
            {
              name: 'engine_id',
              in: 'path',
              required: true,
              schema: { type: 'string', example: 'stable-diffusion-v1-6' },
            },
          ],
          responses: {
            '200': {
              description: 'The engine',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Engine' } } },
            },
            '404': { $ref: '#/components/responses/404' },
          },
        },
      };
    },
    usage: `import { createStabilityClient, type Engine } from './index.js';
const stability = createStabilityClient({ apiKey: 'sk-usage' });
export const engine: () => Promise<Engine> = () => stability.engines.get('stable-diffusion-v1-6');
`,
  },
];
