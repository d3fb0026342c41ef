import type { components } from '../generated/types.js';
import { validateGenerationResponse } from '../generated/validators.js';
import { excerpt, ResponseFormatError } from './errors.js';
import type { ResponseInfo } from './response-info.js';

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

/** What every generation call returns, whatever the `accept` option: the images, `response` and `attempts`. */
export interface GenerationResult extends ResponseInfo {
  /** The images, in the order the API returned them. */
  artifacts: Artifact[];
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
    const image = decodeBase64(item.base64);
    if (!image) {
      throw new ResponseFormatError(
        `artifact ${index}: base64 is not valid base64 (${base64Problem(item.base64)})`,
        status,
        excerpt(text),
      );
    }
    return { image, seed: item.seed, finishReason: item.finishReason };
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

type NodeBufferClass = {
  from(text: string, encoding: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
};

/**
 * Decodes base64 exactly as `atob` accepts it (WHATWG "forgiving-base64": ASCII whitespace ignored,
 * `=` padding optional, any other character refused), with the fastest decoder the runtime has:
 * Buffer in Node, `atob` elsewhere. Returns undefined when the text is not base64.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;
  return NodeBuffer ? decodeWithBuffer(NodeBuffer, text) : decodeWithAtob(text);
}

function decodeWithBuffer(NodeBuffer: NodeBufferClass, text: string): Uint8Array | undefined {
  // Buffer skips characters it does not know instead of failing. Text that is the canonical encoding of what
  // it decoded to is valid (the API's case: one fast comparison); anything else goes through the rules.
  let buffer = NodeBuffer.from(text, 'base64');
  if (buffer.toString('base64') !== text) {
    const data = forgivingBase64Data(text);
    if (data === undefined) return undefined;
    buffer = NodeBuffer.from(data, 'base64');
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function decodeWithAtob(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined; // InvalidCharacterError: atob implements forgiving-base64 itself
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Character classes of forgiving-base64, shared by the check and the error message. */
const alphabet = 'A-Za-z0-9+/';
const whitespace = '\\t\\n\\f\\r ';
const whitespaceRun = new RegExp(`[${whitespace}]+`, 'g');
const onlyAlphabet = new RegExp(`^[${alphabet}]*$`);
const strayCharacter = new RegExp(`[^${alphabet}=${whitespace}]`);
const paddingBeforeData = new RegExp(`=[^=${whitespace}]`);

/** The base64 characters the forgiving-base64 rules leave (no whitespace, no padding); undefined if invalid. */
function forgivingBase64Data(text: string): string | undefined {
  let data = text.replace(whitespaceRun, '');
  if (data.length % 4 === 0) data = data.replace(/={1,2}$/, '');
  return data.length % 4 !== 1 && onlyAlphabet.test(data) ? data : undefined;
}

/** Why text is not base64, for the error message (the first offending character, with its offset). */
function base64Problem(text: string): string {
  const stray = strayCharacter.exec(text);
  if (stray) return `${JSON.stringify(stray[0])} at offset ${stray.index}`;
  const misplacedPadding = paddingBeforeData.exec(text);
  if (misplacedPadding) return `"=" padding before the end, at offset ${misplacedPadding.index}`;
  return 'its length leaves a lone character or too much padding';
}
