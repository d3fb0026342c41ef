import createClient from 'openapi-fetch';
import { type OperationEntry, operations } from '../generated/operations.js';
import type { paths } from '../generated/types.js';
import { checkedBaseUrl } from './base-url.js';
import { OptionError, StabilityError } from './errors.js';
import { type ClientContext, type OperationFunction, operationMethod } from './invoke.js';
import { createLog } from './logger.js';
import type { StabilityClient } from './methods.js';
import { assertClientOptions } from './option-checks.js';
import { type ClientOptions, clientOptionRules, defaultBaseUrl, defaults, environmentVariable } from './options.js';
import { clientOptionHeader } from './prose-rules.js';
import { RateLimiter } from './rate-limiter.js';
import type { RawClient, RawMiddleware } from './raw-client.js';
import { isBrowser, userAgent } from './runtime.js';
import { withFetchOptions } from './transport.js';

/**
 * Creates a client for the Stability AI v1 REST API.
 * @throws OptionError when an option breaks its rule (named in the error): `timeout: NaN`, a header value
 * with a line break, a `baseUrl` with credentials, plain `http://` to a host that is not loopback without
 * `allowInsecureHttp`, an unknown option, ...
 * @throws StabilityError when no API key is given and `STABILITY_API_KEY` is not set.
 * @example
 * import { createStabilityClient } from 'stability-rest';
 * const stability = createStabilityClient(); // reads STABILITY_API_KEY
 * const { credits } = await stability.user.balance();
 */
export function createStabilityClient(options: ClientOptions = {}): StabilityClient {
  assertClientOptions(options, clientOptionRules);
  if (isBrowser() && !options.dangerouslyAllowBrowser) {
    throw new OptionError(
      'dangerouslyAllowBrowser',
      'browser',
      'this looks like a web page, where anyone who opens it can read the API key. Call the API from your ' +
        'server instead, or set dangerouslyAllowBrowser: true if the key is meant to be seen (see the README)',
    );
  }
  const apiKey = options.apiKey ?? environmentVariable('STABILITY_API_KEY');
  if (!apiKey) {
    throw new StabilityError('No API key: pass { apiKey } to createStabilityClient() or set STABILITY_API_KEY.');
  }
  if (options.apiKey === undefined) assertClientOptions({ apiKey }, clientOptionRules, 'STABILITY_API_KEY');
  const baseUrl = clientBaseUrl(options);
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
  const agent = userAgent();
  const baseHeaders = {
    Authorization: `Bearer ${apiKey}`,
    ...(agent ? { 'User-Agent': agent } : {}),
    ...Object.fromEntries(
      Object.entries(clientHeaderValues).map(([option, value]) => [
        clientOptionHeader(option as keyof typeof clientHeaderValues, headerNames),
        value,
      ]),
    ),
    ...options.defaultHeaders,
  };
  let middleware = false;
  let raw: RawClient | undefined;
  // Made on first use: openapi-fetch's createClient reads `globalThis.Request`, which makes Node load its
  // fetch implementation (undici, some 20 ms) at once; the direct path (direct.ts) needs it only at the
  // first call, as a raw fetch does.
  const rawClient = (): RawClient => {
    if (raw) return raw;
    // Cast to the package's own declaration of openapi-fetch's client (see raw-client.ts for why).
    const made = createClient<paths>({
      baseUrl,
      fetch: (request: Request) => withFetchOptions(fetch(), options.fetchOptions)(request),
      headers: baseHeaders,
    }) as unknown as RawClient;
    const use = made.use.bind(made);
    made.use = (...added: RawMiddleware[]) => {
      middleware = true;
      use(...added);
    };
    raw = made;
    return made;
  };
  const context: ClientContext = {
    raw: rawClient,
    direct: () => options.fetch === undefined && !middleware,
    base: { baseUrl: baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl, headers: baseHeaders },
    fetch,
    validate: options.validate ?? true,
    maxRetries: options.maxRetries ?? defaults.maxRetries,
    timeoutMs: options.timeout ?? defaults.timeoutMs,
    backoff: options.retryBackoff ?? {},
    rateLimiter: options.rateLimit ? new RateLimiter(options.rateLimit === true ? {} : options.rateLimit) : undefined,
    retryMaybeDelivered: options.retryMaybeDelivered ?? false,
    fetchOptions: options.fetchOptions,
    log: createLog(options.logger, options.logLevel ?? 'info', [apiKey]),
    secrets: [apiKey],
    contentFiltered: options.contentFiltered ?? 'return',
    clientHeaderValues,
  };
  const client = methodGroups(context, entries);
  Object.defineProperty(client, 'raw', { get: rawClient, enumerable: true });
  return client as unknown as StabilityClient;
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

/**
 * The base URL: the option, else `STABILITY_BASE_URL`, else the spec's server URL, checked and normalised
 * (see {@link checkedBaseUrl}); the error names where the value came from.
 */
function clientBaseUrl(options: ClientOptions): string {
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  if (options.baseUrl !== undefined) return checkedBaseUrl(options.baseUrl, 'baseUrl', allowInsecureHttp);
  const fromEnvironment = environmentVariable('STABILITY_BASE_URL');
  if (fromEnvironment !== undefined) return checkedBaseUrl(fromEnvironment, 'STABILITY_BASE_URL', allowInsecureHttp);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(defaultBaseUrl)) {
    throw new StabilityError(
      `The spec's server URL is ${defaultBaseUrl ? `relative (${defaultBaseUrl})` : 'missing'}: pass { baseUrl } or set STABILITY_BASE_URL.`,
    );
  }
  return checkedBaseUrl(defaultBaseUrl, "the spec's servers[0].url", allowInsecureHttp);
}
