import { requestBodies } from '../generated/request-bodies.js';
import type { components } from '../generated/types.js';
import { artifactFromPng, artifactsFromJson, type GenerationResult } from './artifacts.js';
import { ContentFilteredError, excerpt, ResponseFormatError } from './errors.js';
import { toFormData } from './multipart.js';
import type { Accept, GenerationOptions } from './options.js';
import { type Call, send, type Transport } from './transport.js';
import { assertValidRequest, type BodyOperation } from './validation.js';

type Schemas = components['schemas'];

/** Text-to-image request body (JSON). */
export type TextToImageBody = Schemas['TextToImageRequestBody'];
/** Image-to-image request body (multipart), with `image_strength` or `step_schedule_*`. */
export type ImageToImageBody =
  | Schemas['ImageToImageUsingImageStrengthRequestBody']
  | Schemas['ImageToImageUsingStepScheduleRequestBody'];
/** Masking request body (multipart): mask from the init image's alpha or from `mask_image`. */
export type MaskingBody =
  | Schemas['MaskingUsingInitImageAlphaRequestBody']
  | Schemas['MaskingUsingMaskImageRequestBody'];
/** Upscale request body (multipart): ESRGAN engines take `image` and one of `width`/`height`; latent ones more. */
export type UpscaleBody = Schemas['RealESRGANUpscaleRequestBody'] | Schemas['LatentUpscalerUpscaleRequestBody'];

/** The generation operations: each returns images with their seed and finish reason. */
export interface GenerationOperations {
  /**
   * Generates images from text prompts.
   * @example
   * const { artifacts } = await stability.generation.textToImage('stable-diffusion-v1-6', {
   *   text_prompts: [{ text: 'A lighthouse on a cliff' }],
   * });
   */
  textToImage(engineId: string, body: TextToImageBody, options?: GenerationOptions): Promise<GenerationResult>;
  /** Generates images from an initial image and text prompts. */
  imageToImage(engineId: string, body: ImageToImageBody, options?: GenerationOptions): Promise<GenerationResult>;
  /** Regenerates the masked part of an image. */
  masking(engineId: string, body: MaskingBody, options?: GenerationOptions): Promise<GenerationResult>;
  /** Creates a higher-resolution version of an image. */
  upscale(engineId: string, body: UpscaleBody, options?: GenerationOptions): Promise<GenerationResult>;
}

/** Builds the generation operations on a transport; paths and media types come from the generated table. */
export function generationOperations(transport: Transport, contentFiltered: 'return' | 'throw'): GenerationOperations {
  const generate =
    (operation: BodyOperation) =>
    (engineId: string, body: object, options: GenerationOptions = {}) => {
      const { path, mediaType } = requestBodies[operation];
      return runGeneration(transport, operation, contentFiltered, {
        method: 'POST',
        template: path,
        engineId,
        body,
        options,
        ...(mediaType === 'multipart/form-data' ? { bodySerializer: toFormData } : {}),
      });
    };
  return {
    textToImage: generate('textToImage'),
    imageToImage: generate('imageToImage'),
    masking: generate('masking'),
    upscale: generate('upscaleImage'),
  };
}

async function runGeneration(
  transport: Transport,
  operation: BodyOperation,
  contentFiltered: 'return' | 'throw',
  call: Call & { engineId: string; options: GenerationOptions },
): Promise<GenerationResult> {
  const accept: Accept = call.options.accept ?? 'application/json';
  if (transport.validate) assertValidRequest(operation, call.engineId, call.body, accept);
  const read = await send(transport, { ...call, accept });
  const { response } = read;
  const artifacts = readArtifacts(read.bytes, response, accept);
  const result = { artifacts, response, attempts: read.attempts };
  const filtered = artifacts.flatMap((artifact, index) =>
    artifact.finishReason === 'CONTENT_FILTERED' ? [index] : [],
  );
  if (filtered.length > 0 && (call.options.contentFiltered ?? contentFiltered) === 'throw') {
    throw new ContentFilteredError(operation, filtered, result);
  }
  return result;
}

/**
 * The artifacts of a 2xx generation response. The body's own Content-Type decides how to read it (the
 * Accept sent decides when it names none); anything but JSON or an image is a `ResponseFormatError`.
 */
function readArtifacts(bytes: Uint8Array, response: Response, accept: Accept) {
  const contentType = (response.headers.get('Content-Type') ?? accept).toLowerCase();
  if (contentType.includes('json')) {
    const artifacts = artifactsFromJson(new TextDecoder().decode(bytes), response.status);
    if (artifacts.length === 0)
      throw new ResponseFormatError('generation response has no artifacts', response.status, '');
    return artifacts;
  }
  if (contentType.startsWith('image/')) return [artifactFromPng(bytes, response.headers, response.status)];
  const text = excerpt(new TextDecoder().decode(bytes.subarray(0, 400)));
  throw new ResponseFormatError(
    `generation response has Content-Type ${contentType}, not JSON or an image`,
    response.status,
    text,
  );
}
