import { describe, expect, inject, it } from 'vitest';
import {
  type APIError,
  AuthenticationError,
  BadRequestError,
  createStabilityClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
} from '../src/index.js';
import { allOptionalCases, type GenerationCase, requiredOnlyCases } from './helpers/bodies.js';

interface Violation {
  location: string[];
  code: string;
  message: string;
}

/** A client on Prism that records the violations Prism reports for each request. */
function prismClient(options: { validate?: boolean } = {}) {
  const violations: Violation[] = [];
  const stability = createStabilityClient({
    apiKey: 'sk-contract-tests',
    baseUrl: inject('prismUrl'),
    ...options,
    fetch: async (request) => {
      const response = await fetch(request);
      violations.push(...(JSON.parse(response.headers.get('sl-violations') ?? '[]') as Violation[]));
      return response;
    },
  });
  const requestViolations = () => violations.filter((violation) => violation.location[0] === 'request');
  return { stability, requestViolations };
}

async function generate(testCase: GenerationCase, accept: 'application/json' | 'image/png') {
  const { stability, requestViolations } = prismClient();
  // biome-ignore lint/suspicious/noExplicitAny: each case carries the body type of its own method
  const result = await stability.generation[testCase.method](testCase.engineId, testCase.body as any, { accept });
  return { result, violations: requestViolations() };
}

const cases = [
  ...requiredOnlyCases.map((c) => ({ ...c, name: `${c.name}, required only` })),
  ...allOptionalCases.map((c) => ({ ...c, name: `${c.name}, every optional field` })),
];

describe('contract with the spec (Prism)', () => {
  describe.each(['application/json', 'image/png'] as const)('Accept %s', (accept) => {
    it.each(cases)('$name: no request violation, documented result', async (testCase) => {
      const { result, violations } = await generate(testCase, accept);
      expect(violations).toEqual([]);
      expect(result.response.status).toBe(200);
      expect(result.artifacts.length).toBeGreaterThan(0);
      for (const artifact of result.artifacts) {
        expect(artifact.image).toBeInstanceOf(Uint8Array);
        expect(artifact.image.length).toBeGreaterThan(0);
        expect(Number.isInteger(artifact.seed)).toBe(true);
        expect(['SUCCESS', 'ERROR', 'CONTENT_FILTERED']).toContain(artifact.finishReason);
      }
      if (accept === 'image/png') expect(result.artifacts).toHaveLength(1);
    });
  });

  it('lists engines, reads the account and the balance with no violation', async () => {
    const { stability, requestViolations } = prismClient();
    const engines = await stability.engines.list();
    expect(engines.map((engine) => engine.id)).toContain('stable-diffusion-v1-6');
    const account = await stability.user.account();
    expect(typeof account.id).toBe('string');
    expect(Array.isArray(account.organizations)).toBe(true);
    expect(typeof (await stability.user.balance()).credits).toBe('number');
    expect(requestViolations()).toEqual([]);
  });

  it('would see a request violation: with validation off, Prism flags cfg_scale 100', async () => {
    const { stability, requestViolations } = prismClient({ validate: false });
    await stability.generation
      .imageToImage('stable-diffusion-v1-6', {
        text_prompts: [{ text: 'x' }],
        init_image: new Uint8Array([1]),
        cfg_scale: 100,
      })
      .catch(() => undefined);
    expect(requestViolations().map((violation) => violation.location.join('.'))).toContain('request.body.cfg_scale');
  });

  describe('error responses (Prefer: code=...)', () => {
    it.each([
      [400, BadRequestError, 'bad_request'],
      [401, AuthenticationError, 'unauthorized'],
      [403, PermissionDeniedError, 'permission_denied'],
      [404, NotFoundError, 'not_found'],
      [500, InternalServerError, 'server_error'],
    ])('%i becomes %o with the body fields', async (status, ErrorClass, errorName) => {
      const { stability } = prismClient();
      const error = (await stability.generation
        .textToImage(
          'stable-diffusion-v1-6',
          { text_prompts: [{ text: 'x' }] },
          { headers: { Prefer: `code=${status}` } },
        )
        .catch((thrown: unknown) => thrown)) as APIError;
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, errorName, method: 'POST' });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(`failed with ${status} ${errorName}: `);
    });

    it('maps a 401 on the engine list too', async () => {
      const { stability } = prismClient();
      const error = await stability.engines
        .list({ headers: { Prefer: 'code=401' } })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AuthenticationError);
    });
  });
});
