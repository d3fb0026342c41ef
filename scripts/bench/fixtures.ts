/**
 * What the benchmark server answers and what every contender must get back: one place for the sizes, the
 * engine ids that select a fixture, and the manifest (hashes, seeds) the workers check results against.
 */

/** The API key every contender sends; the server refuses any other. */
export const benchApiKey = 'sk-bench-not-a-real-key';

/** 1.5 MB: the size of one JSON artifact's base64 text, and of the small PNG. */
export const oneAndAHalfMegabytes = 1.5 * 1024 * 1024;

/** The size of the PNG body of the large image workload. */
export const thirtyMegabytes = 30 * 1024 * 1024;

/** The size of the image uploaded by the multipart workloads. */
export const uploadBytes = 4 * 1024 * 1024;

/** The prompt every generation sends; the upload endpoint echoes it back so the form encoding is checked. */
export const benchPrompt = 'A lighthouse on a cliff at dawn';

/** Engine ids that select a JSON fixture (the path parameter is the only thing all contenders send alike). */
export const jsonEngines = { one: 'bench-json-1', ten: 'bench-json-10' } as const;

/** Engine ids that select a PNG fixture. */
export const pngEngines = { small: 'bench-png-1-5mb', large: 'bench-png-30mb' } as const;

/** The engine id of the upload workloads. */
export const uploadEngine = 'stable-diffusion-v1-6';

/** Request header that makes the upload endpoint parse the form and echo what it received (checks only). */
export const verifyHeader = 'X-Bench-Verify';

/** One artifact as the workers must decode it. */
export interface ExpectedArtifact {
  sha256: string;
  bytes: number;
  seed: number;
  finishReason: string;
}

/** Everything a worker needs to check a contender's results, published by the server at start. */
export interface Manifest {
  engineIds: string[];
  json: Record<string, ExpectedArtifact[]>;
  png: Record<string, ExpectedArtifact>;
  /** The artifact the upload endpoint answers with. */
  upload: ExpectedArtifact;
}

/** The engines list the server answers, as the spec's schema describes an engine. */
export const engines = [
  {
    id: 'stable-diffusion-v1-6',
    name: 'Stable Diffusion v1.6',
    description: 'Stability-AI Stable Diffusion v1.6',
    type: 'PICTURE',
  },
  {
    id: 'stable-diffusion-xl-1024-v1-0',
    name: 'Stable Diffusion XL v1.0',
    description: 'Stability-AI SDXL v1.0',
    type: 'PICTURE',
  },
  { id: 'esrgan-v1-x2plus', name: 'Real-ESRGAN x2', description: 'Real-ESRGAN_x2plus upscaler model', type: 'PICTURE' },
  {
    id: 'stable-diffusion-x4-latent-upscaler',
    name: 'SD x4 Latent Upscaler',
    description: 'Latent upscaler',
    type: 'PICTURE',
  },
];

/** Byte length whose base64 text is `base64Length` characters (a multiple of 4, so no padding). */
export function bytesForBase64Length(base64Length: number): number {
  return (base64Length / 4) * 3;
}
