/**
 * The smoke every runtime runs (Node 20 and 22, Bun, Deno, Chromium): plain ESM and web APIs only, against
 * the mock in mock-api.ts. It returns what it saw; the test compares that with the same expectation for all.
 * @param {typeof import('stability-rest')} stabilityRest the package, as the runtime imported it
 * @param {string} baseUrl the mock's URL
 * @param {Record<string, unknown>} [extraOptions] client options the runtime needs (the browser's opt-in)
 */
export async function smoke(stabilityRest, baseUrl, extraOptions = {}) {
  const { createStabilityClient, NotFoundError, APIError } = stabilityRest;
  const stability = createStabilityClient({ apiKey: 'sk-smoke', baseUrl, maxRetries: 0, ...extraOptions });
  const engine = 'stable-diffusion-v1-6';
  const prompt = [{ text: 'A lighthouse on a cliff at dawn' }];
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);

  /** @param {{ artifacts: Array<{ image: Uint8Array, seed: number, finishReason: string }> }} result */
  const artifacts = (result) =>
    result.artifacts.map(({ image, seed, finishReason }) => ({
      seed,
      finishReason,
      isBytes: image instanceof Uint8Array,
      signature: [...image.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
      bytes: image.length,
    }));

  const engines = await stability.engines.list();
  const json = await stability.generation.textToImage(engine, { text_prompts: prompt });
  const image = await stability.generation.textToImage(engine, { text_prompts: prompt }, { accept: 'image/png' });
  const fromFile = await stability.generation.imageToImage(engine, {
    text_prompts: prompt,
    init_image: new File([png], 'init.png', { type: 'image/png' }),
    image_strength: 0.35,
  });
  const fromBlob = await stability.generation.imageToImage(
    engine,
    { text_prompts: prompt, init_image: new Blob([png, png], { type: 'image/png' }) },
    { accept: 'image/png' },
  );
  const error = await stability.generation.textToImage('no-such-engine', { text_prompts: prompt }).then(
    () => undefined,
    (caught) => caught,
  );

  return {
    engines: engines.map((item) => item.id),
    attempts: engines.attempts,
    textToImageJson: artifacts(json),
    textToImagePng: artifacts(image),
    imageToImageFile: artifacts(fromFile),
    imageToImageBlob: artifacts(fromBlob),
    error: {
      isNotFoundError: error instanceof NotFoundError,
      isAPIError: error instanceof APIError,
      name: error?.name,
      status: error?.status,
      errorName: error?.errorName,
      message: error?.message,
    },
  };
}
