import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createStabilityClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  ResponseFormatError,
  type StabilityClient,
  TimeoutError,
} from '../src/index.js';
import { requiredOnlyCases } from './helpers/bodies.js';
import { type Fault, type FaultServer, faults, startFaultServer } from './helpers/fault-server.js';

type Expected = { outcome: 'success' | string; attempts: number; times: number };

const retriedOnce: Expected = { outcome: 'success', attempts: 2, times: 1 };
const failsAtOnce = (outcome: string): Expected => ({ outcome, attempts: 1, times: 99 });

/** What each fault must end in, with maxRetries 2. */
const expectations: Record<Fault, Expected> = {
  none: { outcome: 'success', attempts: 1, times: 0 },
  'status-429': retriedOnce,
  'status-500': retriedOnce,
  'status-502': retriedOnce,
  'status-503': retriedOnce,
  'status-504': retriedOnce,
  'status-400': failsAtOnce(BadRequestError.name),
  'status-401': failsAtOnce(AuthenticationError.name),
  'status-403': failsAtOnce(PermissionDeniedError.name),
  'status-404': failsAtOnce(NotFoundError.name),
  'html-502': { outcome: InternalServerError.name, attempts: 3, times: 99 },
  // The server read the whole request, then dropped it: it may be running (and billing) it, so no retry.
  'reset-before-response': failsAtOnce(ConnectionError.name),
  hang: failsAtOnce(TimeoutError.name),
  'slow-body': failsAtOnce(TimeoutError.name),
  'reset-mid-body': failsAtOnce(ConnectionError.name),
  'invalid-json': failsAtOnce(ResponseFormatError.name),
  'truncated-json': failsAtOnce(ResponseFormatError.name),
  'wrong-content-type': failsAtOnce(ResponseFormatError.name),
  'empty-artifacts': failsAtOnce(ResponseFormatError.name),
  'invalid-base64': failsAtOnce(ResponseFormatError.name),
};

type Operation = { name: string; call: (client: StabilityClient, headers: Record<string, string>) => Promise<unknown> };

const generationOperations: Operation[] = (['application/json', 'image/png'] as const).flatMap((accept) =>
  ['textToImage', 'imageToImage', 'masking', 'upscale'].map((method) => {
    const testCase = requiredOnlyCases.find((c) => c.method === method);
    if (!testCase) throw new Error(`no case for ${method}`);
    return {
      name: `${method} ${accept}`,
      call: (client: StabilityClient, headers: Record<string, string>) =>
        // biome-ignore lint/suspicious/noExplicitAny: each case carries the body type of its own method
        client.generation[testCase.method](testCase.engineId, testCase.body as any, { accept, headers }),
    };
  }),
);
const otherOperations: Operation[] = [
  { name: 'engines.list', call: (client, headers) => client.engines.list({ headers }) },
  { name: 'user.account', call: (client, headers) => client.user.account({ headers }) },
  { name: 'user.balance', call: (client, headers) => client.user.balance({ headers }) },
];

const cells = [...generationOperations, ...otherOperations].flatMap((operation) =>
  faults.map((fault) => ({ operation, fault, expected: expectations[fault] })),
);
/** Every cell must end within this, retries and timeouts included. */
const boundMs = 3_000;
const outcomes = new Map<string, number>();
let server: FaultServer;
let client: StabilityClient;

describe('fault injection matrix', () => {
  beforeAll(async () => {
    server = await startFaultServer();
    client = createStabilityClient({
      apiKey: 'sk-fault-matrix',
      baseUrl: server.url,
      timeout: 300,
      retryBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
    });
  });
  afterAll(() => server.close());

  it.each(cells.map((cell, index) => [`${cell.operation.name} × ${cell.fault}`, cell, index] as const))(
    '%s',
    async (_label, { operation, fault, expected }, index) => {
      const scenario = `cell-${index}`;
      const headers = { 'X-Scenario': scenario, 'X-Fault': fault, 'X-Fault-Times': String(expected.times) };
      const started = performance.now();
      const result = await operation.call(client, headers).then(
        (value) => ({ outcome: 'success', value }),
        (error: Error & { attempts?: number }) => ({ outcome: error.name, error }),
      );
      const elapsed = performance.now() - started;
      outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
      expect(result.outcome, 'error' in result ? result.error.message : '').toBe(expected.outcome);
      expect(server.hits.get(scenario)).toBe(expected.attempts);
      if ('error' in result) expect(result.error.attempts ?? 1).toBe(expected.attempts);
      if ('value' in result) expect((result.value as { attempts: number }).attempts).toBe(expected.attempts);
      expect(elapsed).toBeLessThan(boundMs);
    },
  );

  it('reports the matrix', () => {
    console.log(
      `fault matrix: ${cells.length} cells (${faults.length} faults × ${generationOperations.length + otherOperations.length} operation/accept pairs); outcomes: ${[
        ...outcomes.entries(),
      ]
        .map(([outcome, count]) => `${outcome} ${count}`)
        .join(', ')}`,
    );
    expect([...outcomes.values()].reduce((sum, count) => sum + count, 0)).toBe(cells.length);
  });
});
