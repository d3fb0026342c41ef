import type { paths } from '../generated/types.js';

/**
 * The public type of `stability.raw`: the openapi-fetch client's call shape, typed from the generated
 * `paths`, declared here rather than imported from openapi-fetch. openapi-fetch's own declarations do not
 * compile under `strict` with `skipLibCheck: false` (TS2344 on `ResponseObjectMap`), and a consumer's
 * compiler reads every declaration file the package's types import.
 */

/** The HTTP methods of a path item, as the generated `paths` names them. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** The spec's paths that have an operation for `M`. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];

/** The operation at a path and method. */
type OperationOf<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

/** The request body types an operation accepts, by media type. */
type BodyOf<Op> = Op extends { requestBody?: { content: infer Content } } ? Content[keyof Content] : never;

/** The JSON body of an operation's 200 response. */
type JsonDataOf<Op> = Op extends { responses: { 200: { content: { 'application/json': infer Data } } } }
  ? Data
  : unknown;

/** What a raw call takes: the operation's parameters and body, plus fetch's headers and signal. */
export interface RawInit<Op> {
  params?: Op extends { parameters: infer Parameters } ? Parameters : never;
  body?: BodyOf<Op>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** How openapi-fetch reads the body. @default 'json' */
  parseAs?: 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';
}

/** What a raw call resolves to: the parsed 2xx body in `data`, or the error body in `error`. */
export interface RawResult<Op> {
  data?: JsonDataOf<Op>;
  error?: unknown;
  response: Response;
}

/** One HTTP method of the raw client: a path of the spec that has it, and the operation's init. */
export type RawMethod<M extends HttpMethod> = <P extends PathsWith<M>>(
  path: P,
  init?: RawInit<OperationOf<P, M>>,
) => Promise<RawResult<OperationOf<P, M>>>;

/** The typed openapi-fetch client, for any call the wrappers do not cover: no retries, no validation. */
export interface RawClient {
  GET: RawMethod<'get'>;
  PUT: RawMethod<'put'>;
  POST: RawMethod<'post'>;
  DELETE: RawMethod<'delete'>;
  OPTIONS: RawMethod<'options'>;
  HEAD: RawMethod<'head'>;
  PATCH: RawMethod<'patch'>;
  TRACE: RawMethod<'trace'>;
  /** Any method by name, for a path and method chosen at run time. */
  request(method: Uppercase<HttpMethod>, path: string, init?: object): Promise<RawResult<unknown>>;
  /**
   * Adds openapi-fetch middleware. It sees every request of this client, the methods' too (they are then
   * sent as real `Request`s, which the middleware may read or replace).
   */
  use(...middleware: RawMiddleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: RawMiddleware[]): void;
}

type MaybePromise<T> = T | Promise<T>;

/** openapi-fetch middleware: hooks around each request (see openapi-fetch's documentation). */
export interface RawMiddleware {
  /** Before the request is sent: return a new `Request` to replace it, or a `Response` to answer it. */
  onRequest?(options: {
    request: Request;
    schemaPath: string;
    id: string;
  }): MaybePromise<Request | Response | undefined>;
  /** After a response arrived: return a new `Response` to replace it. */
  onResponse?(options: {
    request: Request;
    response: Response;
    schemaPath: string;
    id: string;
  }): MaybePromise<Response | undefined>;
  /** When fetch threw: return a `Response` to recover, or an `Error` to throw instead. */
  onError?(options: {
    request: Request;
    error: unknown;
    schemaPath: string;
    id: string;
  }): MaybePromise<Response | Error | undefined>;
}
