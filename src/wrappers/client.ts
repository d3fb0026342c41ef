import createClient from 'openapi-fetch';
import type { paths } from '../generated/types.js';
import { type EngineOperations, engineOperations, type UserOperations, userOperations } from './account.js';
import { StabilityError } from './errors.js';
import { type GenerationOperations, generationOperations } from './generation.js';
import { createLog } from './logger.js';
import { type ClientOptions, defaultBaseUrl, defaults, environmentVariable } from './options.js';
import { RateLimiter } from './rate-limiter.js';
import type { RawClient, Transport } from './transport.js';

/** The client: one group of methods per part of the API, and the raw typed client. */
export interface StabilityClient {
  /** `engines.list()`. */
  engines: EngineOperations;
  /** `user.account()`, `user.balance()`. */
  user: UserOperations;
  /** `generation.textToImage()`, `imageToImage()`, `masking()`, `upscale()`. */
  generation: GenerationOperations;
  /** The typed openapi-fetch client with the same base URL and headers (no retries, no validation), for anything else. */
  raw: RawClient;
}

/**
 * Creates a client for the Stability AI v1 REST API.
 * @throws StabilityError when no API key is given and `STABILITY_API_KEY` is not set, or when the base
 * URL is plain `http://` to a host that is not loopback and `allowInsecureHttp` is not set.
 * @example
 * import { createStabilityClient } from 'stability-rest';
 * const stability = createStabilityClient(); // reads STABILITY_API_KEY
 * const { credits } = await stability.user.balance();
 */
export function createStabilityClient(options: ClientOptions = {}): StabilityClient {
  const apiKey = options.apiKey ?? environmentVariable('STABILITY_API_KEY');
  if (!apiKey) {
    throw new StabilityError('No API key: pass { apiKey } to createStabilityClient() or set STABILITY_API_KEY.');
  }
  // A key with whitespace or control characters would make `Headers` throw a message that quotes it.
  if ([...apiKey].some((char) => char.trim() === '' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    throw new StabilityError('The API key contains whitespace or control characters: check how it was read.');
  }
  const baseUrl = options.baseUrl ?? environmentVariable('STABILITY_BASE_URL') ?? defaultBaseUrl;
  assertKeyStaysPrivate(baseUrl, options.allowInsecureHttp ?? false);
  // Looked up per call, so a fetch patched after the client was made is the one used.
  const fetch = () => options.fetch ?? globalThis.fetch;
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => fetch()(request),
    headers: {
      Authorization: `Bearer ${apiKey}`,
      Organization: options.organization,
      'Stability-Client-ID': options.clientId,
      'Stability-Client-Version': options.clientVersion,
    },
  });
  const transport: Transport = {
    raw,
    fetch,
    validate: options.validate ?? true,
    maxRetries: options.maxRetries ?? defaults.maxRetries,
    timeoutMs: options.timeout ?? defaults.timeoutMs,
    backoff: options.retryBackoff ?? {},
    rateLimiter: options.rateLimit ? new RateLimiter(options.rateLimit === true ? {} : options.rateLimit) : undefined,
    log: createLog(options.logger, options.logLevel ?? 'info', [apiKey]),
  };
  return {
    engines: engineOperations(transport),
    user: userOperations(transport),
    generation: generationOperations(transport, options.contentFiltered ?? 'return'),
    raw,
  };
}

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Refuses to put the key on plain http to a host beyond this machine, unless the user opted in. */
function assertKeyStaysPrivate(baseUrl: string, allowInsecureHttp: boolean): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new StabilityError(`baseUrl is not a URL: ${baseUrl}`);
  }
  if (url.protocol === 'http:' && !loopbackHosts.test(url.hostname) && !allowInsecureHttp) {
    throw new StabilityError(
      `Refusing to send the API key over plain http to ${url.hostname}: use https, or set allowInsecureHttp: true.`,
    );
  }
}
