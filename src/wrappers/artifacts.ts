import type { ResponseEntry, ResponseMediaEntry } from '../generated/operations.js';
import { schemaMessage } from '../generated/validators.js';
import { excerpt, ResponseFormatError } from './errors.js';
import type { ResponseInfo } from './response-info.js';
import { type FinishReason, headerEnum, imageHeaders, jsonImages } from './response-shapes.js';
import { isBrowser } from './runtime.js';

export type { FinishReason };

/** One generated image. */
export interface Artifact {
  /** The image bytes (PNG). */
  image: Uint8Array;
  /** The seed that produced it: pass it back to reproduce the image. */
  seed: number;
  /** `SUCCESS`, `ERROR`, or `CONTENT_FILTERED` (the image is blurred). */
  finishReason: FinishReason;
}

/** What every operation that answers images returns, whatever the `accept` option: the images, `response` and `attempts`. */
export interface GenerationResult extends ResponseInfo {
  /** The images, in the order the API returned them. */
  artifacts: Artifact[];
}

/**
 * Reads the artifacts of a JSON image response: checks the body against the spec's validator (in the shape
 * the spec declares, see response-shapes.ts) and decodes each image.
 */
export function artifactsFromJson(body: unknown, media: ResponseMediaEntry, status: number, text: string): Artifact[] {
  const { declared, items } = jsonImages(body, media);
  if (media.validate && !media.validate(declared)) {
    const problem = media.validate.errors?.[0];
    const where = problem ? ` (${problem.instancePath || 'body'} ${schemaMessage(problem)})` : '';
    throw new ResponseFormatError(`response does not match the spec${where}`, status, excerpt(text));
  }
  if (!Array.isArray(items) || items.length === 0) {
    throw new ResponseFormatError('response has no images', status, excerpt(text));
  }
  return items.map((item, index) => {
    const { imageProperty, base64, seed, finishReason } = item;
    if (typeof base64 !== 'string' || typeof seed !== 'number' || typeof finishReason !== 'string') {
      throw new ResponseFormatError(
        `artifact ${index} lacks ${imageProperty}, seed or finish reason`,
        status,
        excerpt(text),
      );
    }
    const image = decodeBase64(base64);
    if (!image) {
      throw new ResponseFormatError(
        `artifact ${index}: ${imageProperty} is not valid base64 (${base64Problem(base64)})`,
        status,
        excerpt(text),
      );
    }
    return { image, seed, finishReason: finishReason as FinishReason };
  });
}

/** Reads an image response: the body is the image; its seed and finish reason are headers (see response-shapes.ts). */
export function artifactFromImage(
  bytes: Uint8Array,
  headers: Headers,
  status: number,
  response?: ResponseEntry,
): Artifact {
  const { seed: seedName, finishReason: reasonName } = imageHeaders(response);
  const seedHeader = headers.get(seedName);
  const seed = seedHeader === null || seedHeader.trim() === '' ? Number.NaN : Number(seedHeader);
  const finishReason = headers.get(reasonName) ?? '';
  const allowed = headerEnum(reasonName, response);
  if (!Number.isFinite(seed) || finishReason === '' || (allowed && !allowed.includes(finishReason))) {
    const hidden = seedHeader === null && !headers.has(reasonName) && isBrowser();
    throw new ResponseFormatError(
      hidden
        ? `image response: its ${seedName} and ${reasonName} headers are not readable here. In a browser the server must expose them (CORS: Access-Control-Expose-Headers: ${seedName}, ${reasonName}); else ask for JSON (accept: 'application/json'), which carries them in the body`
        : `image response needs a numeric ${seedName} and a ${reasonName} header${allowed ? ` (${allowed.join(', ')})` : ''}, got ${seedName}=${seedHeader} ${reasonName}=${finishReason}`,
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
  // Buffer skips characters it does not know instead of failing, and also reads base64url's "-" and "_".
  // So text whose decoded length is the one its length promises, without "-" or "_", held only base64
  // characters with padding at the end (the API's case: no copy, no re-encoding); the rest goes through
  // the forgiving-base64 rules.
  let buffer = NodeBuffer.from(text, 'base64');
  if (buffer.byteLength !== promisedLength(text) || text.includes('-') || text.includes('_')) {
    const data = forgivingBase64Data(text);
    if (data === undefined) return undefined;
    buffer = NodeBuffer.from(data, 'base64');
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * How many bytes base64 text of this length decodes to when every character counts; -1 for a length
 * forgiving-base64 refuses (padding that does not complete a group of 4, one lone character at the end).
 */
function promisedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const characters = text.length - padding;
  if ((padding > 0 && text.length % 4 !== 0) || characters % 4 === 1) return -1;
  return Math.floor((characters * 3) / 4);
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
