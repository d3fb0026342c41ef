import type { ResponseEntry, ResponseMediaEntry } from '../generated/operations.js';
import type { components } from '../generated/types.js';
import { words } from './words.js';

/**
 * Where revisions of the spec and the live API disagree on the shape of a response, and how the client
 * reads both. This is the one place that knows; the readers in `artifacts.ts` and `results.ts` ask it.
 *
 * - The live API answers a JSON generation with `{ "artifacts": [ { base64, seed, finishReason } ] }` (its
 *   own code samples read `data["artifacts"]`). Some revisions of the spec declare the 200 JSON body as a
 *   bare array of images instead; ours declares the object. The client accepts either body, and checks it
 *   against the spec's validator in the shape the spec declares.
 * - Our spec's `Image.example` is itself an array of images, so servers that answer from examples (mock
 *   servers) send `artifacts: [[...], [...]]`. The API never nests them: nested arrays are flattened.
 * - With `Accept: image/png` the body is the image, and the image's other properties travel as headers
 *   named after them: `seed` as `Seed`, `finishReason` as `Finish-Reason`.
 * - Revisions that add the v2 operations answer JSON images one at a time, as `{ image, seed, finish_reason }`,
 *   and their image responses carry `seed` and `finish-reason` headers: read the same way.
 */

/** Properties that hold a JSON image's bytes, base64-encoded: v1's `Image.base64`, v2's `image`. */
const imageProperties = ['base64', 'image'];
/** Properties that hold a JSON image's finish reason: v1's `finishReason`, v2's `finish_reason`. */
const finishReasonProperties = ['finishReason', 'finish_reason'];

/** The property the API puts its list of images in, when the spec's object names none. */
const documentedArrayProperty = 'artifacts';

/** One image of a JSON body, as its properties give it (each may be missing or of the wrong type). */
export interface JsonImage {
  /** The name of the property that holds the base64 text, for error messages. */
  imageProperty: string;
  base64: unknown;
  seed: unknown;
  finishReason: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The images of a JSON image response: the list under the spec's array property (or `artifacts`), a bare
 * list, or the body itself when it is one image (v2's `{ image, seed, finish_reason }`). Also the body in
 * the shape the spec declares, for its validator.
 */
export function jsonImages(
  body: unknown,
  media: ResponseMediaEntry,
): { declared: unknown; items: JsonImage[] | undefined } {
  const property = media.arrayProperty ?? documentedArrayProperty;
  const object = isObject(body) ? body : undefined;
  const single = object && imageProperties.some((name) => typeof object[name] === 'string') ? [object] : undefined;
  const found = Array.isArray(body) ? body : (single ?? object?.[property] ?? object?.[documentedArrayProperty]);
  const list = Array.isArray(found) && found.some(Array.isArray) ? found.flat() : found;
  const items = Array.isArray(list) ? list.map(readJsonImage) : undefined;
  if (single) return { declared: body, items };
  if (media.jsonType === 'array') return { declared: list, items };
  if (Array.isArray(body)) return { declared: { [property]: list }, items };
  return { declared: object && list !== undefined ? { ...object, [property]: list } : body, items };
}

function readJsonImage(item: unknown): JsonImage {
  const fields = isObject(item) ? item : {};
  const imageProperty = imageProperties.find((name) => name in fields) ?? (imageProperties[0] as string);
  const reason = finishReasonProperties.find((name) => name in fields);
  return {
    imageProperty,
    base64: fields[imageProperty],
    seed: fields.seed,
    finishReason: reason === undefined ? undefined : fields[reason],
  };
}

/**
 * The header that carries an image property in an image response: the response's declared header whose
 * name has the property's words (`finishReason` and `Finish-Reason`), else the property in Header-Case.
 */
function headerForProperty(property: string, response: ResponseEntry | undefined): string {
  const wanted = words(property).join(' ');
  const declared = response?.headers.find((header) => words(header.name).join(' ') === wanted);
  return (
    declared?.name ??
    words(property)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('-')
  );
}

/** The headers that carry an image response's seed and finish reason (`Seed`, `Finish-Reason` today). */
export function imageHeaders(response: ResponseEntry | undefined): { seed: string; finishReason: string } {
  return { seed: headerForProperty('seed', response), finishReason: headerForProperty('finishReason', response) };
}

/**
 * Why a generation ended, as the spec's `FinishReason` enum gives it (a plain string if a revision has none):
 * the image is usable, failed, or was filtered by the content filter.
 */
export type FinishReason = components['schemas'] extends { FinishReason: infer Reason } ? Reason : string;

/** The values the spec allows in the header, if it declares an enum for it. */
export function headerEnum(name: string, response: ResponseEntry | undefined): readonly unknown[] | undefined {
  return response?.headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.enum;
}

/** The finish reason the spec describes as "affected by the content filter and may be blurred". */
export const contentFilteredReason = 'CONTENT_FILTERED';
