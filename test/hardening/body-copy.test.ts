import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStabilityClient, StabilityError, ValidationError } from '../../src/index.js';
import { type RecordingServer, rejectionOf, startRecordingServer } from '../helpers/hostile-servers.js';

const apiKey = 'sk-body-copy';
const image = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7, 6, 5]);
let server: RecordingServer;

const client = (validate = true) => createStabilityClient({ apiKey, baseUrl: server.url, validate, maxRetries: 0 });

/** Sends a text-to-image body; the JSON the server received. */
async function sentJson(body: unknown, validate = true): Promise<unknown> {
  const before = server.requests.length;
  await client(validate).generation.textToImage('e', body as never);
  const sent = server.requests.slice(before);
  expect(sent).toHaveLength(1);
  return JSON.parse(sent[0]?.body.toString('utf8') ?? '');
}

/** A call's ValidationError; asserts nothing was sent. */
async function refused(call: () => Promise<unknown>): Promise<ValidationError> {
  const before = server.requests.length;
  const error = await rejectionOf(call());
  expect(error).toBeInstanceOf(ValidationError);
  expect(server.requests.length).toBe(before);
  return error as ValidationError;
}

const paths = (error: ValidationError) => error.issues.map((issue) => issue.path);

describe('what is validated is what is sent', () => {
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  describe('getters are read once', () => {
    it('a getter returning a valid value, then an invalid one: read once, the valid value sent', async () => {
      let reads = 0;
      const body = {
        get cfg_scale() {
          reads += 1;
          return reads === 1 ? 7 : 9999;
        },
        text_prompts: [
          {
            get text() {
              reads += 100;
              return reads < 200 ? 'checked text' : '';
            },
          },
        ],
      };
      const sent = await sentJson(body);
      expect(reads).toBe(101);
      expect(sent).toEqual({ cfg_scale: 7, text_prompts: [{ text: 'checked text' }] });
    });

    it('a getter returning an invalid value first: refused, read once', async () => {
      let reads = 0;
      const body = {
        text_prompts: [{ text: 'x' }],
        get cfg_scale() {
          reads += 1;
          return reads === 1 ? 9999 : 7;
        },
      };
      const error = await refused(() => client().generation.textToImage('e', body));
      expect(paths(error)).toEqual(['/cfg_scale']);
      expect(reads).toBe(1);
    });

    it('any sequence of getter values: what arrives is the first value read', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 35 }), { minLength: 2, maxLength: 5 }), async (values) => {
          let reads = 0;
          const body = {
            text_prompts: [{ text: 'x' }],
            get cfg_scale() {
              return values[Math.min(reads++, values.length - 1)];
            },
          };
          const sent = (await sentJson(body)) as { cfg_scale: number };
          expect(sent.cfg_scale).toBe(values[0]);
          expect(reads).toBe(1);
        }),
        { numRuns: 25 },
      );
    });

    it('multipart bodies too: the upload getter is read once and its first bytes sent', async () => {
      let reads = 0;
      const first = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 1, 1]);
      const body = {
        text_prompts: [{ text: 'x' }],
        get init_image() {
          reads += 1;
          return reads === 1 ? first : new Uint8Array([0xff, 0xd8, 0xff, 2, 2]);
        },
      };
      const before = server.requests.length;
      await client().generation.imageToImage('e', body);
      expect(reads).toBe(1);
      const [request] = server.requests.slice(before);
      const form = await new Response(new Uint8Array(request?.body ?? []), {
        headers: { 'content-type': String(request?.headers['content-type']) },
      }).formData();
      const file = form.get('init_image') as File;
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(first);
    });
  });

  describe('toJSON is ignored: own data is sent', () => {
    it('toJSON on the body prototype or non-enumerable on the body', async () => {
      class Body {
        text_prompts = [{ text: 'own text' }];
        toJSON() {
          return { text_prompts: [{ text: 'from toJSON' }], cfg_scale: 9999 };
        }
      }
      expect(await sentJson(new Body())).toEqual({ text_prompts: [{ text: 'own text' }] });
      const hidden = { text_prompts: [{ text: 'own text' }] };
      Object.defineProperty(hidden, 'toJSON', { value: () => ({ text_prompts: [{ text: 'hidden' }] }) });
      expect(await sentJson(hidden)).toEqual({ text_prompts: [{ text: 'own text' }] });
    });

    it('toJSON on a nested object, and on a Date-like prototype', async () => {
      const prompt = Object.create({ toJSON: () => ({ text: 'injected', weight: 99 }) }) as { text: string };
      prompt.text = 'own nested text';
      expect(await sentJson({ text_prompts: [prompt] })).toEqual({ text_prompts: [{ text: 'own nested text' }] });
      const extras = Object.create({ toJSON: () => 'replaced' }) as Record<string, unknown>;
      extras.seed_hint = 1;
      expect(await sentJson({ text_prompts: [{ text: 'x' }], extras })).toEqual({
        text_prompts: [{ text: 'x' }],
        extras: { seed_hint: 1 },
      });
    });

    it('an own enumerable toJSON function is never called: refused as a value that cannot be sent', async () => {
      let called = false;
      const body = {
        text_prompts: [{ text: 'x' }],
        toJSON: () => {
          called = true;
          return {};
        },
      };
      const error = await refused(() => client(false).generation.textToImage('e', body));
      expect(paths(error)).toContain('/toJSON');
      expect(called).toBe(false);
    });
  });

  describe("the user's objects are not mutated", () => {
    it('deep-equal before and after, for each operation', async () => {
      const bodies = {
        textToImage: { text_prompts: [{ text: 'x', weight: 1 }], cfg_scale: 7, extras: { a: [1, { b: 2 }] } },
        imageToImage: { text_prompts: [{ text: 'x' }], init_image: image, image_strength: 0.4 },
        masking: { text_prompts: [{ text: 'x' }], init_image: new Blob([image]), mask_source: 'INIT_IMAGE_ALPHA' },
        upscale: { image: image.buffer.slice(0) },
      } as const;
      for (const [method, body] of Object.entries(bodies)) {
        const before = structuredClone(body);
        await (client().generation[method as keyof typeof bodies] as (e: string, b: unknown) => Promise<unknown>)(
          method === 'upscale' ? 'esrgan-v1-x2plus' : 'e',
          body,
        );
        expect(body, method).toEqual(before);
      }
    });

    it('deeply frozen bodies work', async () => {
      const deepFreeze = <T extends object>(value: T): T => {
        for (const inner of Object.values(value)) {
          if (inner && typeof inner === 'object' && !ArrayBuffer.isView(inner)) deepFreeze(inner);
        }
        return Object.freeze(value);
      };
      const text = deepFreeze({ text_prompts: [{ text: 'frozen', weight: 0.5 }], extras: { deep: { list: [1] } } });
      expect(await sentJson(text)).toEqual({
        text_prompts: [{ text: 'frozen', weight: 0.5 }],
        extras: { deep: { list: [1] } },
      });
      const multipart = deepFreeze({ text_prompts: [{ text: 'frozen' }], init_image: image });
      await client().generation.imageToImage('e', multipart);
      const upscale = deepFreeze({ image: new Blob([image], { type: 'image/png' }) });
      await client().generation.upscale('esrgan-v1-x2plus', upscale);
    });
  });

  describe('values that cannot travel are ValidationErrors naming the field', () => {
    it('circular extras, with or without validation', async () => {
      for (const validate of [true, false]) {
        const inner: Record<string, unknown> = { depth: 1 };
        inner.self = inner;
        const error = await refused(() =>
          client(validate).generation.textToImage('e', { text_prompts: [{ text: 'x' }], extras: { inner } }),
        );
        expect(paths(error)).toContain('/extras/inner/self');
        expect(error.issues.find((issue) => issue.path === '/extras/inner/self')?.rule).toBe('circular');
      }
      const list: unknown[] = [];
      list.push({ again: list });
      const error = await refused(() =>
        client().generation.textToImage('e', { text_prompts: [{ text: 'x' }], extras: { list } }),
      );
      expect(paths(error)).toContain('/extras/list/0/again');
    });

    it('a shared (not circular) object is fine', async () => {
      const shared = { k: 1 };
      expect(await sentJson({ text_prompts: [{ text: 'x' }], extras: { a: shared, b: shared } })).toEqual({
        text_prompts: [{ text: 'x' }],
        extras: { a: { k: 1 }, b: { k: 1 } },
      });
    });

    it('detached buffers, as ArrayBuffer or as a view, in each upload field', async () => {
      const detached = <T>(wrap: (buffer: ArrayBuffer) => T): T => {
        const buffer = new ArrayBuffer(16);
        const upload = wrap(buffer);
        structuredClone(buffer, { transfer: [buffer] });
        return upload;
      };
      for (const validate of [true, false]) {
        const uploads = [
          detached((buffer) => buffer),
          detached((buffer) => new Uint8Array(buffer)),
          detached((buffer) => new DataView(buffer)),
        ];
        for (const upload of uploads) {
          const i2i = await refused(() =>
            client(validate).generation.imageToImage('e', { text_prompts: [{ text: 'x' }], init_image: upload }),
          );
          expect(i2i.issues).toContainEqual(expect.objectContaining({ path: '/init_image', rule: 'detached' }));
          const up = await refused(() => client(validate).generation.upscale('esrgan-v1-x2plus', { image: upload }));
          expect(up.issues).toContainEqual(expect.objectContaining({ path: '/image', rule: 'detached' }));
          const mask = await refused(() =>
            client(validate).generation.masking('e', {
              text_prompts: [{ text: 'x' }],
              init_image: image,
              mask_image: upload,
              mask_source: 'MASK_IMAGE_BLACK',
            }),
          );
          expect(paths(mask)).toContain('/mask_image');
        }
      }
    });

    it('0-byte uploads: Uint8Array(0), ArrayBuffer(0), an empty Blob or File', async () => {
      for (const validate of [true, false]) {
        for (const upload of [
          new Uint8Array(0),
          new ArrayBuffer(0),
          new Blob([]),
          new File([], 'empty.png'),
          new Uint8Array(8).subarray(4, 4),
        ]) {
          const i2i = await refused(() =>
            client(validate).generation.imageToImage('e', { text_prompts: [{ text: 'x' }], init_image: upload }),
          );
          expect(i2i.issues).toContainEqual(expect.objectContaining({ path: '/init_image', rule: 'non-empty-upload' }));
          const up = await refused(() => client(validate).generation.upscale('esrgan-v1-x2plus', { image: upload }));
          expect(up.issues).toContainEqual(expect.objectContaining({ path: '/image', rule: 'non-empty-upload' }));
        }
      }
    });

    it('a lone surrogate in multipart text is refused; in a JSON body it arrives escaped', async () => {
      const loneSurrogate = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800');
      const text = fc.string({ unit: 'grapheme', maxLength: 10 });
      await fc.assert(
        fc.asyncProperty(text, loneSurrogate, text, async (before, lone, after) => {
          const prompt = `${before}${lone}${after}`;
          for (const validate of [true, false]) {
            const error = await refused(() =>
              client(validate).generation.imageToImage('e', { text_prompts: [{ text: prompt }], init_image: image }),
            );
            expect(error.issues).toContainEqual(
              expect.objectContaining({ path: '/text_prompts/0/text', rule: 'well-formed-text' }),
            );
          }
          const beforeCount = server.requests.length;
          await client().generation.textToImage('e', { text_prompts: [{ text: prompt }] });
          const raw = server.requests[beforeCount]?.body.toString('latin1') ?? '';
          expect(raw).not.toContain('\uFFFD');
          expect(raw).toMatch(/\\ud[89a-f][0-9a-f]{2}/);
          expect(
            (
              JSON.parse(server.requests[beforeCount]?.body.toString('utf8') ?? '') as {
                text_prompts: [{ text: string }];
              }
            ).text_prompts[0]?.text,
          ).toBe(prompt);
        }),
        { numRuns: 20 },
      );
    });

    it('NaN, Infinity and bigint in numeric fields, with or without validation', async () => {
      for (const validate of [true, false]) {
        for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10n]) {
          const error = await refused(() =>
            client(validate).generation.textToImage('e', { text_prompts: [{ text: 'x' }], cfg_scale: value as number }),
          );
          expect(paths(error)).toContain('/cfg_scale');
          const weight = await refused(() =>
            client(validate).generation.imageToImage('e', {
              text_prompts: [{ text: 'x', weight: value as number }],
              init_image: image,
            }),
          );
          expect(paths(weight)).toContain('/text_prompts/0/weight');
        }
      }
    });

    it('functions and symbols in the body are refused by field', async () => {
      for (const value of [() => 1, Symbol('s')]) {
        const error = await refused(() =>
          client(false).generation.textToImage('e', { text_prompts: [{ text: 'x' }], extras: { v: value } }),
        );
        expect(paths(error)).toContain('/extras/v');
      }
    });

    it('a Proxy whose traps throw: a ValidationError, not the raw error', async () => {
      const throwing = (trap: keyof ProxyHandler<object>) =>
        new Proxy(
          { text_prompts: [{ text: 'x' }] },
          {
            [trap]: () => {
              throw new Error(`${trap} trap`);
            },
          },
        );
      for (const trap of ['get', 'ownKeys', 'getOwnPropertyDescriptor'] as const) {
        for (const validate of [true, false]) {
          await refused(() => client(validate).generation.textToImage('e', throwing(trap) as never));
          await refused(() =>
            client(validate).generation.textToImage('e', {
              text_prompts: [throwing(trap) as unknown as { text: string }],
            }),
          );
        }
      }
    });

    it('a revoked Proxy or one whose getPrototypeOf trap throws: a ValidationError', async () => {
      const { proxy, revoke } = Proxy.revocable({ text_prompts: [{ text: 'x' }] }, {});
      revoke();
      await refused(() => client().generation.textToImage('e', proxy as never));
      await refused(() => client().generation.textToImage('e', { text_prompts: [proxy as never] }));
      const noPrototype = new Proxy(
        { text: 'x' },
        {
          getPrototypeOf: () => {
            throw new Error('getPrototypeOf trap');
          },
        },
      );
      await refused(() => client().generation.textToImage('e', { text_prompts: [noPrototype] }));
    });

    it('a getter that throws names its field', async () => {
      const body = {
        text_prompts: [
          {
            get text(): string {
              throw new Error('no text today');
            },
          },
        ],
      };
      const error = await refused(() => client().generation.textToImage('e', body));
      expect(error.issues[0]?.path).toMatch(/^\/text_prompts\/0/);
    });

    it('whatever the hostile value, every failure is a StabilityError', async () => {
      const hostile = fc.oneof(
        fc.constantFrom<unknown>(
          Number.NaN,
          Symbol('x'),
          () => 0,
          10n,
          new Uint8Array(0),
          new Blob([]),
          Object.create(null),
          new Date(0),
          new Map([[1, 2]]),
          '\uD800',
          null,
        ),
        fc.anything(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('textToImage', 'imageToImage', 'upscale'),
          fc.constantFrom('init_image', 'image', 'text_prompts', 'extras', 'cfg_scale', 'mask_source'),
          hostile,
          fc.boolean(),
          async (method, field, value, validate) => {
            const body =
              method === 'upscale' ? { image, [field]: value } : { text_prompts: [{ text: 'x' }], [field]: value };
            const call = client(validate).generation[method] as (engine: string, body: unknown) => Promise<unknown>;
            await call('e', body).catch((error: unknown) => {
              expect(error).toBeInstanceOf(StabilityError);
              if (!(error as { status?: number }).status) expect(error).toBeInstanceOf(ValidationError);
            });
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});
