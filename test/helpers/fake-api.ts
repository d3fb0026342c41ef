import { samplePng } from '../../scripts/sample-image.js';

/** A test double for `fetch`: records every request and answers like the API would. */
export interface FakeApi {
  fetch: (request: Request) => Promise<Response>;
  requests: Request[];
}

/** The PNG the fake API returns, and its base64 form. */
export const fakeImage = samplePng(8, 8);
const fakeImageBase64 = Buffer.from(fakeImage).toString('base64');

/** A fake that answers generation calls with one image (JSON or PNG as asked), or with `respond`. */
export function fakeApi(respond: (request: Request) => Response | Promise<Response> = generationResponse): FakeApi {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (request) => {
      requests.push(request);
      return respond(request.clone());
    },
  };
}

/** A successful generation response in the format the request's Accept asks for. */
export function generationResponse(request: Request): Response {
  if (request.headers.get('Accept') === 'image/png') {
    return new Response(fakeImage, {
      headers: { 'Content-Type': 'image/png', Seed: '4294967295', 'Finish-Reason': 'CONTENT_FILTERED' },
    });
  }
  return Response.json({
    artifacts: [
      { base64: fakeImageBase64, seed: 42, finishReason: 'SUCCESS' },
      { base64: fakeImageBase64, seed: 43, finishReason: 'CONTENT_FILTERED' },
    ],
  });
}
