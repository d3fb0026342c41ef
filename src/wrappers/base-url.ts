import { OptionError } from './errors.js';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The base URL as the client uses it, or an {@link OptionError} naming `option` and the rule. It must be
 * an absolute `http:` or `https:` URL without credentials (the key goes in `apiKey`; a password in the URL
 * is never echoed), query or fragment (the spec's paths are appended to it). Trailing slashes are dropped.
 * Plain http to a host beyond this machine is refused unless `allowInsecureHttp` is set.
 */
export function checkedBaseUrl(raw: string, option: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OptionError(option, 'absolute-url', 'must be an absolute http(s) URL, e.g. https://api.stability.ai');
  }
  if (url.username || url.password) {
    throw new OptionError(
      option,
      'no-credentials',
      'must not hold credentials (user:password@); give the key as apiKey',
    );
  }
  const shown = `${url.origin}${url.pathname}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OptionError(option, 'http-or-https', `must use http: or https: (got ${url.protocol})`);
  }
  if (raw.includes('?') || raw.includes('#')) {
    throw new OptionError(option, 'no-query-or-fragment', `must not have a query or fragment (${shown}?...)`);
  }
  if (url.protocol === 'http:' && !loopbackHosts.test(url.hostname) && !allowInsecureHttp) {
    throw new OptionError(
      option,
      'https',
      `refusing to send the API key over plain http to ${url.hostname}: use https, or set allowInsecureHttp: true`,
    );
  }
  return shown.replace(/\/+$/, '');
}
