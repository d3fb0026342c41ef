/**
 * stability-rest as its README shows it, imported by package name from the built package (the bench's
 * workspace installs `dist/` as node_modules/stability-rest). Only the types come from `src/`.
 */
import type * as StabilityRest from '../../../src/index.js';
import type * as StabilityRestNode from '../../../src/node.js';
import { benchPrompt, uploadEngine, verifyHeader } from '../fixtures.js';
import type { BenchClient, ClientConfig, Generated, Uploaded } from './types.js';

// By name, so that the worker loads what a user installs; a variable keeps tsc from resolving dist/.
const packageName = 'stability-rest';
const { createStabilityClient } = (await import(packageName)) as typeof StabilityRest;

/** `stability-rest/node`, imported on first use only, so cold start does not load it. */
let nodeEntry: Promise<typeof StabilityRestNode> | undefined;

function generated(artifacts: StabilityRest.Artifact[]): Generated {
  return {
    images: artifacts.map((artifact) => artifact.image),
    seeds: artifacts.map((artifact) => artifact.seed),
    finishReasons: artifacts.map((artifact) => artifact.finishReason),
  };
}

/** Makes the stability-rest contender. */
export function create({ baseUrl, apiKey }: ClientConfig): BenchClient {
  const stability = createStabilityClient({ apiKey, baseUrl });

  async function upload(image: StabilityRest.ImageToImageBody['init_image'], verify: boolean): Promise<Uploaded> {
    const { artifacts, response } = await stability.generation.imageToImage(
      uploadEngine,
      {
        init_image: image,
        init_image_mode: 'IMAGE_STRENGTH',
        image_strength: 0.35,
        text_prompts: [{ text: benchPrompt }],
      },
      verify ? { headers: { [verifyHeader]: '1' } } : {},
    );
    return { ...generated(artifacts), headers: response.headers };
  }

  return {
    listEngines: () => stability.engines.list(),
    async generateJson(engineId, samples) {
      const { artifacts } = await stability.generation.textToImage(engineId, {
        text_prompts: [{ text: benchPrompt }],
        samples,
      });
      return generated(artifacts);
    },
    async generatePng(engineId) {
      const { artifacts } = await stability.generation.textToImage(
        engineId,
        { text_prompts: [{ text: benchPrompt }], samples: 1 },
        { accept: 'image/png' },
      );
      return generated(artifacts);
    },
    uploadBytes: (bytes, verify) => upload(bytes, verify),
    async uploadFile(path, verify) {
      nodeEntry ??= import(`${packageName}/node`) as Promise<typeof StabilityRestNode>;
      const { fileFromPath } = await nodeEntry;
      return upload(await fileFromPath(path), verify);
    },
  };
}
