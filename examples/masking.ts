/** POST /v1/generation/{engine_id}/image-to-image/masking: repaint where the image is transparent. */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createStabilityClient } from 'stability-rest';
import { fileFromPath } from 'stability-rest/node';

const stability = createStabilityClient();
// A PNG whose centre is transparent: INIT_IMAGE_ALPHA repaints that part only.
const photo = fileURLToPath(new URL('./assets/lighthouse.png', import.meta.url));

const { artifacts } = await stability.generation.masking('stable-diffusion-v1-6', {
  text_prompts: [{ text: 'A red lighthouse' }],
  init_image: await fileFromPath(photo),
  mask_source: 'INIT_IMAGE_ALPHA',
});

await mkdir('out', { recursive: true });
for (const [index, artifact] of artifacts.entries()) {
  await writeFile(`out/masking-${index}.png`, artifact.image);
  console.log(`out/masking-${index}.png  seed ${artifact.seed}  ${artifact.finishReason}`);
}
