/** The two response formats of the generation operations. */
export type Accept = 'application/json' | 'image/png';

/** Options of {@link createStabilityClient}. */
export interface ClientOptions {
  /**
   * Your Stability API key, sent as `Authorization: Bearer <key>`.
   * @default process.env.STABILITY_API_KEY
   */
  apiKey?: string;
  /**
   * Where the API lives.
   * @default process.env.STABILITY_BASE_URL, else 'https://api.stability.ai'
   */
  baseUrl?: string;
  /** Sent as the `Organization` header: scope requests to an organization other than your default. */
  organization?: string;
  /** Sent as `Stability-Client-ID`: names your application. */
  clientId?: string;
  /** Sent as `Stability-Client-Version`: your application's version. */
  clientVersion?: string;
  /**
   * The `fetch` to use (a proxy-aware one, a test double, ...).
   * @default globalThis.fetch
   */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * Check every request body against the spec before sending it, and refuse invalid ones with a
   * `ValidationError`. Turn off only to send something the spec does not describe yet.
   * @default true
   */
  validate?: boolean;
}

/** Options of a single call. */
export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
  /** Extra headers for this call; they override the client's own. */
  headers?: Record<string, string>;
}

/** Options of a generation call. */
export interface GenerationOptions extends RequestOptions {
  /**
   * The response format asked of the API. Either way the result has the same shape; `image/png`
   * saves the base64 overhead but returns a single image (`samples` must be 1).
   * @default 'application/json'
   */
  accept?: Accept;
}

/** The base URL used when neither the option nor `STABILITY_BASE_URL` gives one. */
export const defaultBaseUrl = 'https://api.stability.ai';

/** Reads an environment variable where there is one (Node, Deno, Bun), `undefined` elsewhere. */
export function environmentVariable(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === '' ? undefined : value;
}
