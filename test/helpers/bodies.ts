import { samplePng } from '../../scripts/sample-image.js';
import type { ImageToImageBody, MaskingBody, TextToImageBody, UpscaleBody } from '../../src/index.js';

const initImage = samplePng(64, 64);
const maskImage = new Blob([samplePng(64, 64, { alphaHole: true })], { type: 'image/png' });

/** One call per operation variant: the engine, the body, and the schema its wire form must satisfy. */
export interface GenerationCase {
  name: string;
  method: 'textToImage' | 'imageToImage' | 'masking' | 'upscale';
  engineId: string;
  schemaName: string;
  body: TextToImageBody | ImageToImageBody | MaskingBody | UpscaleBody;
}

const optionalCommon = {
  cfg_scale: 7.5,
  clip_guidance_preset: 'FAST_BLUE',
  sampler: 'K_DPM_2_ANCESTRAL',
  samples: 1,
  seed: 4294967295,
  steps: 30,
  style_preset: 'photographic',
  extras: { experimental: 'on' },
} as const;

const prompts = [{ text: 'A lighthouse on a cliff', weight: 0.8 }, { text: 'blurry', weight: -0.5 }, { text: 'fog' }];

/** Bodies with only the required fields. */
export const requiredOnlyCases: GenerationCase[] = [
  {
    name: 'textToImage',
    method: 'textToImage',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'TextToImageRequestBody',
    body: { text_prompts: [{ text: 'A lighthouse' }] },
  },
  {
    name: 'imageToImage',
    method: 'imageToImage',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'ImageToImageUsingImageStrengthRequestBody',
    body: { text_prompts: [{ text: 'A lighthouse' }], init_image: initImage },
  },
  {
    name: 'masking (INIT_IMAGE_ALPHA)',
    method: 'masking',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'MaskingUsingInitImageAlphaRequestBody',
    body: { text_prompts: [{ text: 'A lighthouse' }], init_image: initImage, mask_source: 'INIT_IMAGE_ALPHA' },
  },
  {
    name: 'masking (MASK_IMAGE_WHITE)',
    method: 'masking',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'MaskingUsingMaskImageRequestBody',
    body: {
      text_prompts: [{ text: 'A lighthouse' }],
      init_image: initImage,
      mask_source: 'MASK_IMAGE_WHITE',
      mask_image: maskImage,
    },
  },
  {
    name: 'upscale (ESRGAN)',
    method: 'upscale',
    engineId: 'esrgan-v1-x2plus',
    schemaName: 'RealESRGANUpscaleRequestBody',
    body: { image: initImage },
  },
  {
    name: 'upscale (latent)',
    method: 'upscale',
    engineId: 'stable-diffusion-x4-latent-upscaler',
    schemaName: 'LatentUpscalerUpscaleRequestBody',
    body: { image: initImage },
  },
];

/** Bodies with every optional field the variant declares. */
export const allOptionalCases: GenerationCase[] = [
  {
    name: 'textToImage',
    method: 'textToImage',
    engineId: 'stable-diffusion-xl-1024-v1-0',
    schemaName: 'TextToImageRequestBody',
    body: { text_prompts: prompts, width: 1152, height: 896, ...optionalCommon },
  },
  {
    name: 'imageToImage (IMAGE_STRENGTH)',
    method: 'imageToImage',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'ImageToImageUsingImageStrengthRequestBody',
    body: {
      text_prompts: prompts,
      init_image: initImage,
      init_image_mode: 'IMAGE_STRENGTH',
      image_strength: 0.35,
      ...optionalCommon,
    },
  },
  {
    name: 'imageToImage (STEP_SCHEDULE)',
    method: 'imageToImage',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'ImageToImageUsingStepScheduleRequestBody',
    body: {
      text_prompts: prompts,
      init_image: new Blob([initImage], { type: 'image/png' }),
      init_image_mode: 'STEP_SCHEDULE',
      step_schedule_start: 0.65,
      step_schedule_end: 0.01,
      ...optionalCommon,
    },
  },
  {
    name: 'masking (MASK_IMAGE_BLACK)',
    method: 'masking',
    engineId: 'stable-diffusion-v1-6',
    schemaName: 'MaskingUsingMaskImageRequestBody',
    body: {
      text_prompts: prompts,
      init_image: new File([initImage], 'photo.png', { type: 'image/png' }),
      mask_source: 'MASK_IMAGE_BLACK',
      mask_image: maskImage,
      ...optionalCommon,
    },
  },
  {
    name: 'upscale (ESRGAN)',
    method: 'upscale',
    engineId: 'esrgan-v1-x2plus',
    schemaName: 'RealESRGANUpscaleRequestBody',
    body: { image: Buffer.from(initImage), width: 1024 },
  },
  {
    name: 'upscale (latent)',
    method: 'upscale',
    engineId: 'stable-diffusion-x4-latent-upscaler',
    schemaName: 'LatentUpscalerUpscaleRequestBody',
    body: {
      image: initImage.buffer as ArrayBuffer,
      height: 2048,
      text_prompts: prompts,
      seed: 7,
      steps: 40,
      cfg_scale: 6,
    },
  },
];
