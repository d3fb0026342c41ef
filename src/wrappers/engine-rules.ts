import type { ValidationIssue } from './errors.js';

/**
 * Rules the spec states only in prose, for the engines it names. An engine id not listed here gets
 * the schema's rules only: the client never refuses an engine because it is new.
 */
type DimensionRule = (width: number | undefined, height: number | undefined) => string | undefined;

/** SDXL v0.9 and v1.0 take nine fixed sizes (spec: DiffuseImageWidth / DiffuseImageHeight). */
const sdxlSizes = [
  [1024, 1024],
  [1152, 896],
  [1216, 832],
  [1344, 768],
  [1536, 640],
  [640, 1536],
  [768, 1344],
  [832, 1216],
  [896, 1152],
] as const;

const sdxlFixedSizes: DimensionRule = (width, height) => {
  const fits = sdxlSizes.some(([w, h]) => (width ?? w) === w && (height ?? h) === h);
  return fits ? undefined : `must be one of ${sdxlSizes.map(([w, h]) => `${w}x${h}`).join(', ')} for this engine`;
};

/** SDXL Beta (v2-2-2): each side 128 to 896, at most one side above 512. */
const sdxlBetaSizes: DimensionRule = (width = 512, height = 512) => {
  const inRange = [width, height].every((side) => side >= 128 && side <= 896);
  const onlyOneLarge = width <= 512 || height <= 512;
  return inRange && onlyOneLarge ? undefined : 'must be between 128x128 and 512x896 or 896x512 for this engine';
};

/** SD v1.6: each side from 320 to 1536. */
const sd16Sizes: DimensionRule = (width, height) => {
  const inRange = [width, height].every((side) => side === undefined || (side >= 320 && side <= 1536));
  return inRange ? undefined : 'must be between 320x320 and 1536x1536 for this engine';
};

const dimensionRules: Record<string, DimensionRule> = {
  'stable-diffusion-xl-1024-v0-9': sdxlFixedSizes,
  'stable-diffusion-xl-1024-v1-0': sdxlFixedSizes,
  'stable-diffusion-xl-beta-v2-2-2': sdxlBetaSizes,
  'stable-diffusion-v1-6': sd16Sizes,
};

/** The issue with `width`/`height` for an engine the spec gives dimension rules for, if any. */
export function engineDimensionIssues(engineId: string, body: Record<string, unknown>): ValidationIssue[] {
  const rule = dimensionRules[engineId];
  const width = typeof body.width === 'number' ? body.width : undefined;
  const height = typeof body.height === 'number' ? body.height : undefined;
  if (!rule || (width === undefined && height === undefined)) return [];
  const problem = rule(width, height);
  if (!problem) return [];
  const size = `${width ?? 'default'}x${height ?? 'default'}`;
  return [
    {
      path: width !== undefined ? '/width' : '/height',
      rule: 'engine-dimensions',
      message: `${size} ${problem} (${engineId})`,
    },
  ];
}

/** Which branch of the upscale `oneOf` an engine takes; `undefined` for an engine the spec does not name. */
export function upscaleBranch(
  engineId: string,
): 'RealESRGANUpscaleRequestBody' | 'LatentUpscalerUpscaleRequestBody' | undefined {
  if (engineId.startsWith('esrgan-')) return 'RealESRGANUpscaleRequestBody';
  if (engineId.includes('latent-upscaler')) return 'LatentUpscalerUpscaleRequestBody';
  return undefined;
}
