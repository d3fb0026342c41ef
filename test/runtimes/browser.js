/**
 * Entry of the smoke in the browser, bundled with esbuild. The page is served from another origin than the
 * API (localhost vs 127.0.0.1), so every call goes through CORS as it would from a real site.
 */
import * as stabilityRest from 'stability-rest';
import { smoke } from './smoke.js';

const baseUrl = new URLSearchParams(location.search).get('api');
// An API key in a browser page needs an explicit opt-in (the client refuses it otherwise).
smoke(stabilityRest, baseUrl, { dangerouslyAllowBrowser: true }).then(
  (result) => {
    window.smokeResult = { ok: true, result };
  },
  (error) => {
    window.smokeResult = { ok: false, error: `${error?.name}: ${error?.message}` };
  },
);
