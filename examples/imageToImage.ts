/** POST /v1/generation/{engine_id}/image-to-image: a new image from an image and a prompt. */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createStabilityClient } from 'stability-rest';
import { fileFromPath } from 'stability-rest/node';

const stability = createStabilityClient();
const photo = fileURLToPath(new URL('./assets/lighthouse.png', import.meta.url));

const { artifacts } = await stability.generation.imageToImage('stable-diffusion-v1-6', {
  text_prompts: [{ text: 'The same lighthouse, in winter' }],
  init_image: await fileFromPath(photo),
  init_image_mode: 'IMAGE_STRENGTH',
  image_strength: 0.35,
});

await mkdir('out', { recursive: true });
for (const [index, artifact] of artifacts.entries()) {
  await writeFile(`out/image-to-image-${index}.png`, artifact.image);
  console.log(`out/image-to-image-${index}.png  seed ${artifact.seed}  ${artifact.finishReason}`);
}
