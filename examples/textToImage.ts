/** POST /v1/generation/{engine_id}/text-to-image: images from a prompt, written to ./out/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { createStabilityClient } from 'stability-rest';

const stability = createStabilityClient();

const { artifacts } = await stability.generation.textToImage('stable-diffusion-v1-6', {
  text_prompts: [
    { text: 'A lighthouse on a cliff at dawn, oil painting', weight: 1 },
    { text: 'blurry', weight: -1 },
  ],
  cfg_scale: 7,
  steps: 30,
  samples: 1,
});

await mkdir('out', { recursive: true });
for (const [index, artifact] of artifacts.entries()) {
  await writeFile(`out/text-to-image-${index}.png`, artifact.image);
  console.log(`out/text-to-image-${index}.png  seed ${artifact.seed}  ${artifact.finishReason}`);
}
