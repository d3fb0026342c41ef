/**
 * openapi-fetch builds a `Request` for every call, and Node's fetch then builds another from it: each one
 * with its own AbortSignal, which Node makes transferable, the costliest part of a small call's overhead
 * (measured with --cpu-prof: `_Request`, `createAbortSignal`, `makeTransferable`). openapi-fetch takes
 * the class it builds with as its `Request` option. When the client calls the runtime's own fetch (no
 * `fetch` option, no middleware on `raw`), the wrappers' calls pass this light class instead and hand its
 * URL and init to `fetch(url, init)`, as a raw fetch does: one Request per attempt, made inside fetch.
 * A user's `fetch` and `raw`'s middleware still get a real `Request`.
 */
export class PlainRequest {
  /** The URL openapi-fetch built. */
  readonly url: string;
  /** The HTTP method, as fetch reads it. */
  readonly method: string;
  /** The headers openapi-fetch merged (a `Headers`), read by the debug log. */
  readonly headers: Headers;
  /** The init openapi-fetch built, handed to fetch as it is. */
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
  }
}
