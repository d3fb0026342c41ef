import type { components } from '../generated/types.js';
import { validateGenerationResponse } from '../generated/validators.js';
import { excerpt, ResponseFormatError } from './errors.js';

/** Why a generation ended: the image is usable, failed, or was filtered by the content filter. */
export type FinishReason = components['schemas']['FinishReason'];

/** One generated image. */
export interface Artifact {
  /** The PNG bytes. */
  image: Uint8Array;
  /** The seed that produced it: pass it back to reproduce the image. */
  seed: number;
  /** `SUCCESS`, `ERROR`, or `CONTENT_FILTERED` (the image is blurred). */
  finishReason: FinishReason;
}

/** What every generation call returns, whatever the `accept` option. */
export interface GenerationResult {
  /** The images, in the order the API returned them. */
  artifacts: Artifact[];
  /** The HTTP response (status, headers); its body has been read. */
  response: Response;
  /** How many attempts the call took (1 when it needed no retry). */
  attempts: number;
}

const finishReasons: readonly string[] = ['SUCCESS', 'ERROR', 'CONTENT_FILTERED'] satisfies FinishReason[];

/** Reads an `application/json` generation response: base64 artifacts, decoded. */
export function artifactsFromJson(text: string, status: number): Artifact[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResponseFormatError('generation response is not valid JSON', status, excerpt(text));
  }
  const body = flattenNestedArtifacts(parsed);
  if (!validateGenerationResponse(body)) {
    const problem = validateGenerationResponse.errors?.[0];
    const where = problem ? ` (${problem.instancePath || 'body'} ${problem.message})` : '';
    throw new ResponseFormatError(`generation response does not match the spec${where}`, status, excerpt(text));
  }
  const items = (body as { artifacts?: components['schemas']['Image'][] }).artifacts ?? [];
  return items.map((item, index) => {
    if (typeof item.base64 !== 'string' || typeof item.seed !== 'number' || !item.finishReason) {
      throw new ResponseFormatError(`artifact ${index} lacks base64, seed or finishReason`, status, excerpt(text));
    }
    return { image: decodeBase64(item.base64), seed: item.seed, finishReason: item.finishReason };
  });
}

/**
 * The spec's `Image.example` is an array of images, so servers that answer from examples (mock servers)
 * send `artifacts: [[...]]`. The API itself never nests them; accept both and read the images.
 */
function flattenNestedArtifacts(body: unknown): unknown {
  const artifacts = (body as { artifacts?: unknown } | null)?.artifacts;
  if (!Array.isArray(artifacts) || !artifacts.some(Array.isArray)) return body;
  return { ...(body as object), artifacts: artifacts.flat() };
}

/** Reads an `image/png` generation response: the body is the image; seed and finish reason are headers. */
export function artifactFromPng(bytes: Uint8Array, headers: Headers, status: number): Artifact {
  const seedHeader = headers.get('Seed');
  const seed = seedHeader === null ? Number.NaN : Number(seedHeader);
  const finishReason = headers.get('Finish-Reason') ?? '';
  if (!Number.isFinite(seed) || !finishReasons.includes(finishReason)) {
    throw new ResponseFormatError(
      `PNG response needs a numeric Seed and a Finish-Reason header, got Seed=${seedHeader} Finish-Reason=${finishReason}`,
      status,
      '',
    );
  }
  return { image: bytes, seed, finishReason: finishReason as FinishReason };
}

/** Decodes base64 with the fastest decoder the runtime has (Buffer in Node, atob elsewhere). */
export function decodeBase64(text: string): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer;
  if (NodeBuffer) {
    const buffer = NodeBuffer.from(text, 'base64');
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
