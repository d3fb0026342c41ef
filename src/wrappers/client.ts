import createClient from 'openapi-fetch';
import type { paths } from '../generated/types.js';
import { type EngineOperations, engineOperations, type UserOperations, userOperations } from './account.js';
import { StabilityError } from './errors.js';
import { type GenerationOperations, generationOperations } from './generation.js';
import { type ClientOptions, defaultBaseUrl, environmentVariable } from './options.js';
import { type RawClient, withConnectionErrors } from './transport.js';

/** The client: one group of methods per part of the API, and the raw typed client. */
export interface StabilityClient {
  /** `engines.list()`. */
  engines: EngineOperations;
  /** `user.account()`, `user.balance()`. */
  user: UserOperations;
  /** `generation.textToImage()`, `imageToImage()`, `masking()`, `upscale()`. */
  generation: GenerationOperations;
  /** The typed openapi-fetch client with the same base URL and headers, for anything else. */
  raw: RawClient;
}

/**
 * Creates a client for the Stability AI v1 REST API.
 * @throws StabilityError when no API key is given and `STABILITY_API_KEY` is not set.
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
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? environmentVariable('STABILITY_BASE_URL') ?? defaultBaseUrl,
    // Looked up per call, so a fetch patched after the client was made is the one used.
    fetch: withConnectionErrors(() => options.fetch ?? globalThis.fetch),
    headers: {
      Authorization: `Bearer ${apiKey}`,
      Organization: options.organization,
      'Stability-Client-ID': options.clientId,
      'Stability-Client-Version': options.clientVersion,
    },
  });
  const transport = { raw, validate: options.validate ?? true };
  return {
    engines: engineOperations(transport),
    user: userOperations(transport),
    generation: generationOperations(transport),
    raw,
  };
}
