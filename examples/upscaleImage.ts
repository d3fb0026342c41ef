/** POST /v1/generation/{engine_id}/image-to-image/upscale: a larger copy of an image. */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createStabilityClient } from 'stability-rest';
import { fileFromPath } from 'stability-rest/node';

const stability = createStabilityClient();
const photo = fileURLToPath(new URL('./assets/lighthouse.png', import.meta.url));

// Give width or height, not both: the other follows the image's aspect ratio.
const { artifacts } = await stability.generation.upscale('esrgan-v1-x2plus', {
  image: await fileFromPath(photo),
  width: 1024,
});

await mkdir('out', { recursive: true });
for (const [index, artifact] of artifacts.entries()) {
  await writeFile(`out/upscale-${index}.png`, artifact.image);
  console.log(`out/upscale-${index}.png  seed ${artifact.seed}  ${artifact.finishReason}`);
}
