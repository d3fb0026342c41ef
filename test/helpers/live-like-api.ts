import type { OperationModel, SpecModel } from '../../scripts/generate/model.js';
import { type OpenApiDocument, resolvePointer } from '../../scripts/generate/spec.js';
import { sampleValue } from '../../scripts/samples.js';
import { fakeImage } from './fake-api.js';
import { rebuildFromForm } from './multipart.js';

/** One request the live-like API received, with the operation it matched and the body as a server reads it. */
export interface ReceivedRequest {
  request: Request;
  operation: OperationModel;
  /** The body as the API reads it: parsed JSON, the multipart form rebuilt into nested fields, text or bytes. */
  body: unknown;
}

/**
 * A `fetch` that answers any operation of a revision the way the live API does, whatever the revision
 * declares: generations as `{ artifacts: [...] }` (or the PNG with `Seed` and `Finish-Reason` headers),
 * other JSON from the response schema. It matches each request to its operation by method and path (after
 * `pathPrefix`, the server's path) and reads its body as the API would, bracketed multipart included.
 */
export function liveLikeApi(document: OpenApiDocument, model: SpecModel, pathPrefix = '') {
  const received: ReceivedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(pathPrefix) ? url.pathname.slice(pathPrefix.length) : url.pathname;
    const operation = model.operations.find(
      (candidate) => candidate.method === request.method.toLowerCase() && templateMatches(candidate.path, path),
    );
    if (!operation) return Response.json({ id: 'x', name: 'not_found', message: `no route ${path}` }, { status: 404 });
    received.push({ request, operation, body: await readBody(document, request.clone(), operation) });
    return answer(document, operation, request.headers.get('Accept') ?? '');
  };
  return { fetch, received };
}

/** Whether a concrete path fits a path template (`{name}` matches one non-empty segment). */
function templateMatches(template: string, path: string): boolean {
  const expected = template.split('/');
  const actual = path.split('/');
  return (
    expected.length === actual.length &&
    expected.every((segment, index) => (segment.startsWith('{') ? actual[index] !== '' : segment === actual[index]))
  );
}

async function readBody(document: OpenApiDocument, request: Request, operation: OperationModel): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const variant = operation.request?.media.find((media) => media.encoding === 'multipart')?.variants.at(-1);
    return rebuildFromForm(await request.formData(), variant?.pointer ?? '#', document);
  }
  if (type.includes('json')) return request.json();
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(await request.text()));
  if (type.startsWith('text/')) return request.text();
  return new Uint8Array(await request.arrayBuffer());
}

/**
 * The live API's answer: an image operation answers the PNG (with `Seed` and `Finish-Reason`) when asked
 * for an image, else JSON: v1's `{ artifacts }` whatever the revision declares, or, for an operation whose
 * JSON declares a single `image` (the v2 operations of later revisions), `{ image, seed, finish_reason }`.
 */
function answer(document: OpenApiDocument, operation: OperationModel, accept: string): Response {
  const success = operation.responses.find((response) => response.media.some((media) => media.kind === 'image'));
  if (success) {
    if (accept.startsWith('image/')) {
      return new Response(fakeImage, {
        headers: { 'Content-Type': 'image/png', Seed: '1234', 'Finish-Reason': 'SUCCESS' },
      });
    }
    const base64 = Buffer.from(fakeImage).toString('base64');
    const json = success.media.find((media) => media.kind === 'json');
    const declared = json?.pointer ? resolvePointer(document, json.pointer, json.pointer) : undefined;
    const single = (declared as { properties?: Record<string, unknown> } | undefined)?.properties?.image !== undefined;
    return single
      ? Response.json({ image: base64, seed: 1234, finish_reason: 'SUCCESS' })
      : Response.json({ artifacts: [{ base64, seed: 1234, finishReason: 'SUCCESS' }] });
  }
  const successful = operation.responses.find((response) => response.status.startsWith('2'));
  const json = successful?.media.find((media) => media.kind === 'json');
  if (!json?.pointer) return new Response(null, { status: Number(successful?.status ?? 204) || 204 });
  return Response.json(sampleValue(document, { $ref: json.pointer }, false), {
    status: Number(successful?.status) || 200,
  });
}
