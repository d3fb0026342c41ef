import createClient from 'openapi-fetch';
import { type OperationEntry, operations } from '../generated/operations.js';
import type { paths } from '../generated/types.js';
import { StabilityError } from './errors.js';
import { type ClientContext, type OperationFunction, operationMethod } from './invoke.js';
import { createLog } from './logger.js';
import type { StabilityClient } from './methods.js';
import { type ClientOptions, defaultBaseUrl, defaults, environmentVariable } from './options.js';
import { clientOptionHeader } from './prose-rules.js';
import { RateLimiter } from './rate-limiter.js';
import type { RawClient } from './raw-client.js';

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
  if (!baseUrl || !/^[a-z][a-z0-9+.-]*:/i.test(baseUrl)) {
    if (!options.baseUrl && !environmentVariable('STABILITY_BASE_URL')) {
      throw new StabilityError(
        `The spec's server URL is ${baseUrl ? `relative (${baseUrl})` : 'missing'}: pass { baseUrl } or set STABILITY_BASE_URL.`,
      );
    }
  }
  assertKeyStaysPrivate(baseUrl, options.allowInsecureHttp ?? false);
  // Looked up per call, so a fetch patched after the client was made is the one used.
  const fetch = () => options.fetch ?? globalThis.fetch;
  const entries: readonly OperationEntry[] = Object.values(operations);
  const headerNames = [
    ...new Set(entries.flatMap((entry) => entry.parameters.filter((p) => p.in === 'header').map((p) => p.name))),
  ];
  const clientHeaderValues = {
    organization: options.organization,
    clientId: options.clientId,
    clientVersion: options.clientVersion,
  };
  // Cast to the package's own declaration of openapi-fetch's client (see raw-client.ts for why).
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request: Request) => fetch()(request),
    headers: {
      Authorization: `Bearer ${apiKey}`,
      ...Object.fromEntries(
        Object.entries(clientHeaderValues).map(([option, value]) => [
          clientOptionHeader(option as keyof typeof clientHeaderValues, headerNames),
          value,
        ]),
      ),
    },
  }) as unknown as RawClient;
  const context: ClientContext = {
    raw,
    fetch,
    validate: options.validate ?? true,
    maxRetries: options.maxRetries ?? defaults.maxRetries,
    timeoutMs: options.timeout ?? defaults.timeoutMs,
    backoff: options.retryBackoff ?? {},
    rateLimiter: options.rateLimit ? new RateLimiter(options.rateLimit === true ? {} : options.rateLimit) : undefined,
    log: createLog(options.logger, options.logLevel ?? 'info', [apiKey]),
    contentFiltered: options.contentFiltered ?? 'return',
    clientHeaderValues,
  };
  return { ...methodGroups(context, entries), raw } as StabilityClient;
}

/**
 * One method per operation of the table, under `client[group][name]`. The groups and names come from the
 * spec (naming rule and openapi/naming.json); `StabilityClient` types each method from the generated types.
 */
function methodGroups(context: ClientContext, entries: readonly OperationEntry[]) {
  const groups: Record<string, Record<string, OperationFunction>> = {};
  for (const entry of entries) {
    groups[entry.group] = { ...groups[entry.group], [entry.name]: operationMethod(context, entry) };
  }
  return groups;
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
