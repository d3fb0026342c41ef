import type * as NodeStreams from './streamed-body.js';

/**
 * `streamed-body.ts` as the browser build has it (scripts/build/package.ts puts it in its place): browsers
 * cannot stream a request body over HTTP/1.1, so no body is streamed there (bodies with uploads go as a
 * `FormData` or a `Blob`) and the stream writer stays out of browser bundles.
 */

export type { StreamedBody } from './streamed-body.js';

/** Never: this is a browser. */
export const streamsBodies: typeof NodeStreams.streamsBodies = () => false;

function notInBrowsers(): never {
  throw new Error('stability-rest: streamed bodies are not part of the browser build');
}

/** Not in the browser build (`streamsBodies()` is false). */
export const streamedMultipart: typeof NodeStreams.streamedMultipart = notInBrowsers;

/** Not in the browser build (`streamsBodies()` is false). */
export const streamedFile: typeof NodeStreams.streamedFile = notInBrowsers;
