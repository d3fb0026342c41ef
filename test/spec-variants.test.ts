import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationModel } from '../scripts/generate/model.js';
import type { OpenApiDocument } from '../scripts/generate/spec.js';
import { type PrismServer, startPrism } from '../scripts/prism/server.js';
import { imageAccepts, sampleCalls } from '../scripts/samples.js';
import { createStabilityClient as createOurClient } from '../src/index.js';
import { fakeImage } from './helpers/fake-api.js';
import { liveLikeApi } from './helpers/live-like-api.js';
import { specDocument } from './helpers/spec.js';
import { pathOf, type SpecVariant, specVariants } from './helpers/spec-variants.js';
import { buildVariantProject, type VariantProject } from './helpers/variant-project.js';

type Module = typeof import('../src/index.js');
type AnyMethod = (...args: unknown[]) => Promise<unknown>;
type AnyClient = Record<string, Record<string, AnyMethod>>;

interface Violation {
  location: string[];
  message: string;
}

/** The method of an operation on a client built by the variant's package. */
function methodOf(client: unknown, operation: OperationModel): AnyMethod {
  const method = (client as AnyClient)[operation.group]?.[operation.name];
  if (typeof method !== 'function') throw new Error(`no method ${operation.group}.${operation.name}`);
  return method;
}

/** The media types worth asking for: JSON and an image type, when the operation answers images. */
function acceptsOf(operation: OperationModel): Array<string | undefined> {
  return imageAccepts(operation) ?? [undefined];
}

/** Checks a result has the shape its operation promises. */
function expectResult(operation: OperationModel, result: unknown, accept: string | undefined): void {
  const answersImages = acceptsOf(operation).length > 1;
  if (answersImages) {
    const { artifacts } = result as { artifacts: Array<{ image: Uint8Array; seed: number; finishReason: string }> };
    expect(artifacts.length, operation.operationId).toBeGreaterThan(0);
    if (accept?.startsWith('image/')) expect(artifacts).toHaveLength(1);
    for (const artifact of artifacts) {
      expect(artifact.image).toBeInstanceOf(Uint8Array);
      expect(artifact.image.length).toBeGreaterThan(0);
      expect(Number.isFinite(artifact.seed)).toBe(true);
      expect(typeof artifact.finishReason).toBe('string');
    }
  } else {
    expect(typeof result, operation.operationId).toBe('object');
    expect(result).not.toBeNull();
    expect((result as { response: Response }).response.status).toBe(200);
  }
}

/** Calls every operation of the variant with a valid call per body variant, in each response format. */
async function callEverything(
  module: Module,
  document: OpenApiDocument,
  project: VariantProject,
  options: { baseUrl: string; fetch: (request: Request) => Promise<Response> },
): Promise<string[]> {
  const client = module.createStabilityClient({ apiKey: 'sk-variant-tests', ...options });
  const called: string[] = [];
  for (const operation of project.model.operations) {
    for (const call of sampleCalls(document, operation)) {
      for (const accept of acceptsOf(operation)) {
        const result = await methodOf(client, operation)(...call.args, accept ? { accept } : {});
        expectResult(operation, result, accept);
        called.push(
          `${operation.group}.${operation.name}${call.variant ? ` ${call.variant}` : ''} ${accept ?? ''}`.trim(),
        );
      }
    }
  }
  return called;
}

/** A client of the variant's package whose API answers every call with a PNG and this finish reason. */
function answeringPng(module: Module, finishReason: string) {
  const requests: Request[] = [];
  const stability = module.createStabilityClient({
    apiKey: 'sk-variant-tests',
    fetch: async (request) => {
      requests.push(request);
      return new Response(fakeImage, {
        headers: { 'Content-Type': 'image/png', Seed: '3', 'Finish-Reason': finishReason },
      });
    },
  });
  return { stability, requests };
}

/** The variant's document. */
function variantDocument(variant: SpecVariant): OpenApiDocument {
  const document = specDocument();
  variant.edit(document);
  return document;
}

/** What each variant checks beyond the calls every variant makes. */
const specificChecks: Record<
  string,
  (context: { module: Module; project: VariantProject; prism: PrismServer; document: OpenApiDocument }) => Promise<void>
> = {
  'server-path-prefix': async ({ module, project, document }) => {
    expect(module.specInfo.serverUrl).toBe('https://api.stability.ai/v1');
    // With the default base URL, every operation reaches exactly the URL it reaches with our spec.
    const urls = async (create: typeof createOurClient) => {
      const seen: string[] = [];
      const api = liveLikeApi(document, project.model, '/v1');
      const client = create({
        apiKey: 'sk-variant-tests',
        fetch: async (request) => {
          seen.push(`${request.method} ${request.url}`);
          return api.fetch(request);
        },
      });
      for (const operation of project.model.operations) {
        for (const call of sampleCalls(document, operation)) await methodOf(client, operation)(...call.args);
      }
      return seen;
    };
    const variantUrls = await urls(module.createStabilityClient);
    expect(variantUrls).toContain('POST https://api.stability.ai/v1/generation/stable-diffusion-v1-6/text-to-image');
    expect(variantUrls).toEqual(await urls(createOurClient));
  },
  'operations-added': async ({ module, prism }) => {
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests', baseUrl: prism.url });
    const generation = stability.generation as unknown as Record<string, AnyMethod>;
    const user = stability.user as unknown as Record<string, AnyMethod>;
    const usage = (await user.usage?.({ params: { query: { limit: 5 } } })) as { items: unknown[] };
    expect(usage.items).toEqual([{ day: '2026-11-01', credits: 1.5 }]);
    const refused = await generation
      .outpaint?.('stable-diffusion-v1-6', {
        image: fakeImage,
        text_prompts: [{ text: 'x' }],
        direction: 'diagonal',
        pixels: 8,
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(module.ValidationError);
    expect(
      (refused as InstanceType<Module['ValidationError']>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['/direction enum', '/pixels minimum']);
    const badLimit = await user.usage?.({ params: { query: { limit: 0 } } }).catch((error: unknown) => error);
    expect((badLimit as InstanceType<Module['ValidationError']>).issues).toEqual([
      { path: 'query.limit', rule: 'minimum', message: 'must be >= 1' },
    ]);
    // The new JSON response is checked against its inline schema.
    const wrongShape = module.createStabilityClient({
      apiKey: 'sk-variant-tests',
      fetch: async () => Response.json({ items: [{ day: 1 }] }),
    });
    const error = await (wrongShape.user as unknown as Record<string, AnyMethod>)
      .usage?.()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(module.ResponseFormatError);
    expect(String(error)).toContain('/items/0');
  },
  'operation-removed': async ({ module }) => {
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests' });
    expect('masking' in stability.generation).toBe(false);
    expect(Object.keys(stability.generation).sort()).toEqual(['imageToImage', 'textToImage', 'upscale']);
    expect(Object.keys(module.operations)).not.toContain('masking');
  },
  'upscale-single-schema': async ({ module, project }) => {
    const upscale = project.model.operations.find((operation) => operation.operationId === 'upscaleImage');
    expect(upscale?.request?.media[0]?.selector).toEqual({ kind: 'single' });
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests', fetch: async () => new Response() });
    const error = await stability.generation
      .upscale('stable-diffusion-x4-latent-upscaler', { image: fakeImage, steps: 40 } as never)
      .catch((thrown: unknown) => thrown);
    expect(
      (error as InstanceType<Module['ValidationError']>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['/steps unknown-field']);
  },
  'inline-responses': async ({ module, project }) => {
    const textToImage = project.model.operations.find((operation) => operation.operationId === 'textToImage');
    expect(textToImage?.responses[0]?.media[0]).toMatchObject({ kind: 'json', jsonType: 'array' });
    // A bare array as the spec declares it reads as well as the API's { artifacts }; a wrong item is refused.
    const answer = (body: unknown) =>
      module.createStabilityClient({ apiKey: 'sk-variant-tests', fetch: async () => Response.json(body) });
    const base64 = Buffer.from(fakeImage).toString('base64');
    const bare = await answer([{ base64, seed: 7, finishReason: 'SUCCESS' }]).generation.textToImage(
      'stable-diffusion-v1-6',
      {
        text_prompts: [{ text: 'x' }],
      },
    );
    expect(bare.artifacts.map((artifact) => artifact.seed)).toEqual([7]);
    const wrong = await answer([{ base64, seed: 'seven', finishReason: 'SUCCESS' }])
      .generation.textToImage('stable-diffusion-v1-6', { text_prompts: [{ text: 'x' }] })
      .catch((thrown: unknown) => thrown);
    expect(wrong).toBeInstanceOf(module.ResponseFormatError);
    expect(String(wrong)).toContain('/0/seed must be number');
    const engines = await answer([{ nope: 1 }, 42])
      .engines.list()
      .catch((thrown: unknown) => thrown);
    expect(engines).toBeInstanceOf(module.ResponseFormatError);
  },
  'path-level-parameters': async ({ module, project }) => {
    const textToImage = project.model.operations.find((operation) => operation.operationId === 'textToImage');
    expect(textToImage?.parameters.map((parameter) => parameter.name)).toEqual([
      'engine_id',
      'Accept',
      'Organization',
      'Stability-Client-ID',
      'Stability-Client-Version',
    ]);
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests', fetch: async () => new Response() });
    const error = await stability.generation
      .textToImage('', { text_prompts: [{ text: 'x' }] }, { accept: 'image/gif' as never })
      .catch((thrown: unknown) => thrown);
    expect(
      (error as InstanceType<Module['ValidationError']>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['path.engine_id non-empty', 'options.accept enum']);
  },
  'schemas-renamed': async ({ module, project, document }) => {
    expect(project.generated.get('validators.js')).toContain('export const validateTextToImageParameters');
    // The engine-size rule rests on DiffuseImageWidth/Height: with them renamed it is off, and the schema alone judges.
    const body = { text_prompts: [{ text: 'x' }] };
    const sdxl = 'stable-diffusion-xl-1024-v1-0';
    const api = liveLikeApi(document, project.model);
    const variantClient = module.createStabilityClient({ apiKey: 'sk-variant-tests', fetch: api.fetch });
    expect((await variantClient.generation.textToImage(sdxl, body)).artifacts).toHaveLength(1);
    const ours = createOurClient({ apiKey: 'sk-variant-tests', fetch: api.fetch });
    await expect(ours.generation.textToImage(sdxl, body)).rejects.toThrow(/engine-dimensions/);
    const tooNarrow = await variantClient.generation
      .textToImage(sdxl, { ...body, width: 100 })
      .catch((thrown: unknown) => thrown);
    expect(
      (tooNarrow as InstanceType<Module['ValidationError']>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['/width minimum', '/width multipleOf']);
  },
  'enums-changed': async ({ module }) => {
    const { stability, requests } = answeringPng(module, 'PARTIAL');
    const prompt = { text_prompts: [{ text: 'x' }] };
    const result = await stability.generation.textToImage(
      'stable-diffusion-v1-6',
      { ...prompt, sampler: 'K_NEW' as never },
      {
        accept: 'image/png',
      },
    );
    expect(result.artifacts[0]?.finishReason).toBe('PARTIAL');
    const refused = await stability.generation
      .textToImage('stable-diffusion-v1-6', { ...prompt, sampler: 'DDIM' as never, style_preset: '3d-model' as never })
      .catch((thrown: unknown) => thrown);
    expect(
      (refused as InstanceType<Module['ValidationError']>).issues.map((issue) => `${issue.path} ${issue.rule}`),
    ).toEqual(['/sampler enum', '/style_preset enum']);
    expect(requests).toHaveLength(1);
  },
  'defaults-changed': async ({ module }) => {
    const { stability, requests } = answeringPng(module, 'SUCCESS');
    // SDXL takes 1024x1024: with the spec's new default size, a call that gives none is valid.
    const result = await stability.generation.textToImage('stable-diffusion-xl-1024-v1-0', {
      text_prompts: [{ text: 'x' }],
    });
    expect(requests[0]?.headers.get('Accept')).toBe('image/png');
    expect(result.artifacts).toHaveLength(1);
    await expect(
      createOurClient({ apiKey: 'sk-variant-tests', fetch: async () => new Response() }).generation.textToImage(
        'stable-diffusion-xl-1024-v1-0',
        { text_prompts: [{ text: 'x' }] },
      ),
    ).rejects.toThrow(/512x512 \(width and height from the spec's default\)/);
  },
  'several-media-types': async ({ module, project, document }) => {
    const api = liveLikeApi(document, project.model);
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests', fetch: api.fetch });
    const body = { text_prompts: [{ text: 'lighthouse', weight: 0.5 }] };
    await stability.generation.textToImage('stable-diffusion-v1-6', body);
    await stability.generation.textToImage('stable-diffusion-v1-6', body, {
      contentType: 'multipart/form-data',
    } as never);
    expect(api.received.map(({ request }) => request.headers.get('Content-Type')?.split(';')[0])).toEqual([
      'application/json',
      'multipart/form-data',
    ]);
    expect(api.received.map(({ body: received }) => received)).toEqual([body, body]);
  },
  'no-operation-id': async ({ module, project, prism }) => {
    const operation = project.model.operations.find((candidate) => candidate.path === '/v1/engines/{engine_id}');
    expect(operation).toMatchObject({ operationId: 'getEngines', group: 'engines', name: 'get' });
    const stability = module.createStabilityClient({ apiKey: 'sk-variant-tests', baseUrl: prism.url });
    const engine = await (stability.engines as unknown as Record<string, AnyMethod>).get?.('stable-diffusion-v1-6');
    expect(engine).toMatchObject({ id: expect.any(String), type: expect.any(String) });
  },
};

describe.each(specVariants)('spec variant $name: $exercises', (variant) => {
  const document = variantDocument(variant);
  let project: VariantProject;
  let prism: PrismServer;
  let module: Module;

  beforeAll(async () => {
    [project, prism] = await Promise.all([
      buildVariantProject(document, { extraFiles: variant.usage ? { 'usage.ts': variant.usage } : {} }),
      startPrism({ document }),
    ]);
    module = await project.load();
  }, 60_000);

  afterAll(async () => {
    await Promise.all([prism?.stop(), project?.remove()]);
  });

  it('regenerates, type-checks and builds with no other edit: one table entry per operation of the revision', () => {
    expect([...project.generated.keys()].sort()).toEqual(['docs.ts', 'operations.ts', 'types.ts', 'validators.js']);
    // Read from the revision itself, not from the generator's model.
    const declared = Object.values(document.paths).flatMap((item) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => (item[method] ? [item[method]] : [])),
    );
    expect(Object.keys(module.operations)).toHaveLength(declared.length);
    const ids = declared.flatMap((operation) => (operation.operationId ? [operation.operationId] : []));
    expect(Object.keys(module.operations)).toEqual(expect.arrayContaining(ids));
  });

  it('calls every operation on Prism serving the variant: no request violation, results parsed', async () => {
    const violations: Violation[] = [];
    const called = await callEverything(module, document, project, {
      baseUrl: prism.url,
      fetch: async (request) => {
        const response = await fetch(request);
        violations.push(...(JSON.parse(response.headers.get('sl-violations') ?? '[]') as Violation[]));
        return response;
      },
    });
    expect(called.length).toBeGreaterThanOrEqual(project.model.operations.length);
    expect(violations.filter((violation) => violation.location[0] === 'request')).toEqual([]);
  });

  it('calls every operation on an API that answers as the live one: requests valid for the variant', async () => {
    const serverPath = new URL(module.specInfo.serverUrl).pathname.replace(/\/$/, '');
    const api = liveLikeApi(document, project.model, serverPath);
    await callEverything(module, document, project, {
      baseUrl: `https://api.example.test${serverPath}`,
      fetch: api.fetch,
    });
    expect(api.received.length).toBeGreaterThanOrEqual(project.model.operations.length);
    for (const { operation, body } of api.received) {
      const entry = (module.operations as Record<string, import('../src/index.js').OperationEntry>)[
        operation.operationId
      ];
      const variants = entry?.request?.media.flatMap((media) => media.variants) ?? [];
      if (variants.length === 0) continue;
      expect(body, operation.operationId).toBeTypeOf('object');
      const forSchema = Object.fromEntries(
        Object.entries(body as object).map(([key, value]) => [key, value instanceof File ? '<upload>' : value]),
      );
      expect(
        variants.some((candidate) => candidate.validate(forSchema)),
        `${operation.operationId} ${JSON.stringify(forSchema)}`,
      ).toBe(true);
    }
  });

  it(`checks what the variant changes (${variant.name})`, async () => {
    const check = specificChecks[variant.name];
    if (!check) throw new Error(`no specific check for ${variant.name}`);
    await check({ module, project, prism, document });
  });
});

describe('spec variants', () => {
  it('would not build a table whose path is not a path of the spec: a mistyped path fails to compile', async () => {
    const error = await buildVariantProject(specDocument(), {
      editGenerated: (files) => {
        const table = files.get('operations.ts') ?? '';
        files.set('operations.ts', table.replace('"path": "/v1/user/balance"', '"path": "/v1/user/balances"'));
      },
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(String(error)).toContain('does not compile');
    expect(String(error)).toMatch(/operations\.ts.*error TS2/);
  }, 30_000);

  it('cover every kind of change the issue lists', () => {
    expect(specVariants.map((variant) => variant.name)).toEqual(Object.keys(specificChecks));
    // Each variant really changes the spec.
    for (const variant of specVariants) expect(variantDocument(variant), variant.name).not.toEqual(specDocument());
    expect(pathOf(specDocument(), 'masking')).toBe('/v1/generation/{engine_id}/image-to-image/masking');
  });
});
