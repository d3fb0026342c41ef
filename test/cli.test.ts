import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { samplePng } from '../scripts/sample-image.js';
import { type CliRun, runCli, type ScriptedServer, spawnCli, startScriptedServer } from './helpers/cli.js';
import { fakeImage } from './helpers/fake-api.js';
import { tableEntries } from './helpers/table.js';

const key = 'sk-cli-test-secret-0123456789';
let workspace = '';
let image = '';

/** A fresh output folder inside the workspace. */
async function outDir(): Promise<string> {
  return mkdtemp(join(workspace, 'out-'));
}

/** The lines of stdout that report a saved file: path, seed, finish reason, size. */
function fileLines(run: CliRun): Array<{ path: string; seed: number; finishReason: string; bytes: number }> {
  return run.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [path = '', seed = '', finishReason = '', bytes = ''] = line.split('\t');
      return { path, seed: Number(seed.replace('seed ', '')), finishReason, bytes: Number.parseInt(bytes, 10) };
    });
}

/** Checks that every reported file exists with the reported size, and returns their names. */
async function expectFilesAsReported(run: CliRun, dir: string): Promise<string[]> {
  const lines = fileLines(run);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line.path.startsWith(dir)).toBe(true);
    expect((await stat(line.path)).size).toBe(line.bytes);
    expect(Number.isInteger(line.seed)).toBe(true);
    expect(['SUCCESS', 'ERROR', 'CONTENT_FILTERED']).toContain(line.finishReason);
  }
  return (await readdir(dir)).sort();
}

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'stability-rest-cli-'));
  image = join(workspace, 'input.png');
  await writeFile(image, samplePng(64, 64, { alphaHole: true }));
});

afterAll(() => rm(workspace, { recursive: true, force: true }));

describe('stability-rest: every subcommand on Prism', () => {
  const prism = () => ['--base-url', inject('prismUrl')];
  const env = { STABILITY_API_KEY: key };

  it('lists one subcommand per operation of the table in --help, named group and method in kebab case', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    const listed = run.stdout.split('\n').flatMap((line) => /^ {2}([a-z-]+ [a-z-]+)/.exec(line)?.[1] ?? []);
    const expected = tableEntries.map(
      (entry) => `${entry.group} ${entry.name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
    );
    expect(listed.sort()).toEqual(expected.sort());
  });

  it('engines list prints the engines as JSON', async () => {
    const run = await runCli(['engines', 'list', ...prism()], { env });
    expect(run.code).toBe(0);
    const engines = JSON.parse(run.stdout) as Array<{ id: string }>;
    expect(engines.length).toBeGreaterThan(0);
    expect(typeof engines[0]?.id).toBe('string');
  });

  it('user account and user balance print their JSON results', async () => {
    const account = await runCli(['user', 'account', ...prism()], { env });
    expect(account.code).toBe(0);
    expect(typeof JSON.parse(account.stdout).id).toBe('string');
    const balance = await runCli(['balance', ...prism()], { env });
    expect(balance.code).toBe(0);
    expect(typeof JSON.parse(balance.stdout).credits).toBe('number');
  });

  it('generation text-to-image writes each image and prints path, seed, finish reason and size', async () => {
    const dir = await outDir();
    const run = await runCli(
      ['generation', 'text-to-image', 'a lighthouse', '--cfg-scale', '8', '--out', dir, ...prism()],
      {
        env,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = await expectFilesAsReported(run, dir);
    expect(files.every((name) => /^text-to-image-\d+-\d+\.png$/.test(name))).toBe(true);
    expect(fileLines(run).length).toBe(files.length);
  });

  it('image-to-image, masking and upscale stream the file given by path and save the results', async () => {
    const calls = [
      ['image-to-image', 'the same, in winter', '--init-image', image, '--image-strength', '0.4'],
      ['masking', 'a red door', '--init-image', image, '--mask-source', 'INIT_IMAGE_ALPHA'],
      ['upscale', '--image', image],
    ];
    for (const args of calls) {
      const dir = await outDir();
      const run = await runCli([...args, '--out', dir, ...prism()], { env });
      expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: '' });
      const files = await expectFilesAsReported(run, dir);
      expect(files.every((name) => name.startsWith(`${args[0]}-`))).toBe(true);
    }
  });

  it('never overwrites: a second run with the same seed gets the next number', async () => {
    const dir = await outDir();
    const server = await startScriptedServer((_request, response) =>
      response.writeHead(200, { 'Content-Type': 'image/png', Seed: '77', 'Finish-Reason': 'SUCCESS' }).end(fakeImage),
    );
    try {
      for (let index = 0; index < 2; index++) {
        const run = await runCli(
          ['text-to-image', 'x', '--accept', 'image/png', '--out', dir, '--base-url', server.url],
          {
            env,
          },
        );
        expect(run.code).toBe(0);
      }
      expect(await readdir(dir)).toEqual(['text-to-image-77-1.png', 'text-to-image-77-2.png']);
      expect(new Uint8Array(await readFile(join(dir, 'text-to-image-77-2.png')))).toEqual(fakeImage);
    } finally {
      await server.close();
    }
  });
});

describe('stability-rest --json', () => {
  it('prints one JSON document with the paths, seeds and finish reasons of the saved files', async () => {
    const dir = await outDir();
    const run = await runCli(
      ['text-to-image', 'a lighthouse', '--json', '--out', dir, '--base-url', inject('prismUrl')],
      {
        env: { STABILITY_API_KEY: key },
      },
    );
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as {
      command: string;
      runs: number;
      files: Array<{ path: string; seed: number; finishReason: string; bytes: number; run: number }>;
      failures: unknown[];
    };
    expect(document).toMatchObject({ command: 'generation text-to-image', runs: 1, failures: [] });
    expect(document.files.length).toBeGreaterThan(0);
    for (const file of document.files) {
      expect(file.run).toBe(1);
      expect((await stat(file.path)).size).toBe(file.bytes);
    }
    expect((await readdir(dir)).length).toBe(document.files.length);
  });
});

describe('stability-rest --dry-run', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer((_request, response) => response.writeHead(500).end());
  });
  afterAll(() => server.close());

  it('prints method, URL, headers with the key redacted and the JSON body, and sends nothing', async () => {
    const run = await runCli(
      ['text-to-image', 'a lighthouse', '--negative', 'fog', '--prompt', 'dawn', '--weight', '0.5', '--steps', '20'],
      { env: { STABILITY_API_KEY: key, STABILITY_BASE_URL: server.url } },
    );
    // Without --dry-run this would have been sent: the check below is that with it, nothing was.
    expect(run.code).toBe(4);
    const dry = await runCli(
      [
        'text-to-image',
        'a lighthouse',
        '--negative',
        'fog',
        '--prompt',
        'dawn',
        '--weight',
        '0.5',
        '--steps',
        '20',
        '--dry-run',
      ],
      { env: { STABILITY_API_KEY: key, STABILITY_BASE_URL: server.url } },
    );
    expect(dry.code).toBe(0);
    expect(server.requests.length).toBe(3); // the first run: one attempt and two retries of the 500
    const [requestLine, ...rest] = dry.stdout.split('\n');
    expect(requestLine).toBe(`POST ${server.url}/v1/generation/stable-diffusion-v1-6/text-to-image`);
    expect(rest).toContain('authorization: Bearer [redacted]');
    expect(dry.stdout + dry.stderr).not.toContain(key);
    const body = JSON.parse(dry.stdout.slice(dry.stdout.indexOf('\n\n') + 2));
    expect(body).toEqual({
      steps: 20,
      text_prompts: [{ text: 'a lighthouse' }, { text: 'fog', weight: -1 }, { text: 'dawn', weight: 0.5 }],
    });
  });

  it('needs no key, and lists multipart fields and file parts (--json gives the same as data)', async () => {
    const run = await runCli(['image-to-image', 'winter', '--init-image', image, '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const { request } = JSON.parse(run.stdout) as {
      request: { method: string; url: string; headers: Record<string, string>; parts: unknown[] };
    };
    expect(request.method).toBe('POST');
    expect(request.url).toMatch(/\/v1\/generation\/stable-diffusion-v1-6\/image-to-image$/);
    expect(request.headers.authorization).toBe('Bearer [redacted]');
    expect(request.parts).toEqual([
      { name: 'init_image', file: 'input.png', type: 'image/png', bytes: (await stat(image)).size },
      { name: 'text_prompts[0][text]', value: 'winter' },
    ]);
  });
});

describe('stability-rest exit codes', () => {
  let server: ScriptedServer;
  const statuses: Record<string, number> = {
    '/v1/user/account': 401,
    '/v1/user/balance': 403,
    '/v1/engines/list': 404,
  };
  beforeAll(async () => {
    server = await startScriptedServer((request, response) => {
      const status = statuses[request.url ?? ''] ?? 400;
      response
        .writeHead(status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: 'x', name: `status_${status}`, message: `answered ${status}` }));
    });
  });
  afterAll(() => server.close());
  const env = () => ({ STABILITY_API_KEY: key, STABILITY_BASE_URL: server.url });

  it('2 for a ValidationError: every issue listed, each with its flag, and no request sent', async () => {
    const before = server.requests.length;
    const run = await runCli(
      ['text-to-image', '--cfg-scale', '99', '--width', '500', '--sampler', 'NOPE', '--weight', '2'],
      { env: env() },
    );
    expect(run.code).toBe(2);
    expect(server.requests.length).toBe(before);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('stability-rest: request not sent: 5 problem(s)');
    expect(lines.slice(1).map((line) => line.trim().split(' ')[0])).toEqual([
      '--weight',
      '--prompt',
      '--width',
      '--cfg-scale',
      '--sampler',
    ]);
    expect(run.stdout).toBe('');
  });

  it('2 for an unknown command, an unknown flag, a missing upload file; 3 without a key', async () => {
    expect((await runCli(['paint'])).code).toBe(2);
    const flag = await runCli(['text-to-image', 'x', '--cfgscale', '3']);
    expect(flag).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--cfgscale'") });
    const file = await runCli(['upscale', '--image', join(workspace, 'missing.png')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('missing.png: no such file');
    const noKey = await runCli(['text-to-image', 'x'], { env: { STABILITY_BASE_URL: server.url } });
    expect(noKey.code).toBe(3);
    expect(noKey.stderr.trim().split('\n')).toEqual([
      'stability-rest: STABILITY_API_KEY is not set: export your key (or use --dry-run, or --mock from a clone of the repository).',
    ]);
  });

  it('3 for 401 and 403, 4 for 404 and 400, with the error named and the key never shown', async () => {
    const cases: Array<[string[], number, string]> = [
      [['user', 'account'], 3, 'AuthenticationError'],
      [['user', 'balance'], 3, 'PermissionDeniedError'],
      [['engines', 'list'], 4, 'NotFoundError'],
      [['text-to-image', 'x'], 4, 'BadRequestError'],
    ];
    for (const [args, code, name] of cases) {
      const run = await runCli(args, { env: env() });
      expect({ args, code: run.code, named: run.stderr.includes(name) }).toEqual({ args, code, named: true });
      expect(run.stdout + run.stderr).not.toContain(key);
    }
  });

  it('5 when nothing answers (connection refused)', async () => {
    const closed = await startScriptedServer(() => undefined);
    await closed.close();
    const run = await runCli(['balance', '--base-url', closed.url], { env: { STABILITY_API_KEY: key } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('ConnectionError');
  });
});

describe('stability-rest --count --concurrency', () => {
  it('runs N generations with at most K in flight; a failed one is reported and the others are saved', async () => {
    const server = await startScriptedServer((_request, response, index) => {
      setTimeout(() => {
        if (index === 2) {
          response
            .writeHead(400, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ id: 'b', name: 'bad_request', message: 'run two fails' }));
          return;
        }
        response
          .writeHead(200, { 'Content-Type': 'image/png', Seed: String(index), 'Finish-Reason': 'SUCCESS' })
          .end(fakeImage);
      }, 150);
    });
    try {
      const dir = await outDir();
      const run = await runCli(
        ['text-to-image', 'x', '--accept', 'image/png', '-n', '5', '--concurrency', '2', '--json', '--out', dir],
        { env: { STABILITY_API_KEY: key, STABILITY_BASE_URL: server.url } },
      );
      expect(run.code).toBe(4);
      expect(server.requests.length).toBe(5);
      expect(server.maxInFlight()).toBe(2);
      const document = JSON.parse(run.stdout) as {
        runs: number;
        files: Array<{ seed: number }>;
        failures: Array<{ run: number; error: { name: string; status: number } }>;
      };
      expect(document.runs).toBe(5);
      expect(document.files.map((file) => file.seed).sort()).toEqual([1, 3, 4, 5]);
      expect(document.failures).toHaveLength(1);
      expect(document.failures[0]?.error).toMatchObject({ name: 'BadRequestError', status: 400 });
      expect((await readdir(dir)).sort()).toEqual([1, 3, 4, 5].map((seed) => `text-to-image-${seed}-1.png`).sort());
      expect(run.stderr).toContain('BadRequestError');
    } finally {
      await server.close();
    }
  });
});

describe('stability-rest and Ctrl-C', () => {
  it('SIGINT during a slow response aborts the call, exits 130 and leaves no file', async () => {
    const server = await startScriptedServer(() => undefined); // never answers
    try {
      const dir = await outDir();
      const { child, done } = spawnCli(['text-to-image', 'a slow one', '--out', dir], {
        env: { STABILITY_API_KEY: key, STABILITY_BASE_URL: server.url },
      });
      await server.received(1);
      const started = Date.now();
      child.kill('SIGINT');
      const run = await done;
      expect(run.code).toBe(130);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(run.stderr).toContain('UserAbortError');
      expect(await readdir(dir)).toEqual([]);
      expect(server.requests.length).toBe(1);
    } finally {
      await server.close();
    }
  });
});
