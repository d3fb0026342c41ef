import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeImage } from '../helpers/fake-api.js';
import { launchChromium, runBrowserSmoke, smokePage } from './chromium.js';
import { type RuntimeCommand, runSmoke, runtimes, versionOf } from './commands.js';
import { type SmokeProject, smokeProject } from './installed-package.js';
import { type MockApi, missingEngine, startMockApi } from './mock-api.js';

let mock: MockApi;
let project: SmokeProject;
let browser: Browser | undefined;

/** One artifact as the smoke reports it: the mock's PNG, with the seed the mock chose. */
const artifact = (seed: number) => [
  { seed, finishReason: 'SUCCESS', isBytes: true, signature: '89504e47', bytes: fakeImage.length },
];

/** What the smoke must report in every runtime. The mock's seed for an upload is the bytes it received. */
const expected = {
  engines: ['stable-diffusion-v1-6', 'esrgan-v1-x2plus'],
  attempts: 1,
  textToImageJson: artifact(11),
  textToImagePng: artifact(11),
  imageToImageFile: artifact(16),
  imageToImageBlob: artifact(32),
  error: {
    isNotFoundError: true,
    isAPIError: true,
    name: 'NotFoundError',
    status: 404,
    errorName: 'not_found',
    message: `POST /v1/generation/${missingEngine}/text-to-image failed with 404 not_found: The specified engine (ID ${missingEngine}) was not found.`,
  },
};

/** The file parts one smoke run sends: a File keeps its name, a Blob is named after its field. */
const expectedFiles = [
  { field: 'init_image', name: 'init.png', type: 'image/png', size: 16 },
  { field: 'init_image', name: 'init_image.png', type: 'image/png', size: 32 },
];

/** Runs `smoke` and checks both what it reports and the uploads the mock received; logs how long it took. */
async function checkSmoke(name: string, smoke: () => Promise<unknown>): Promise<void> {
  const before = mock.files.length;
  const started = performance.now();
  const result = await smoke();
  console.log(`${name}: smoke ran in ${Math.round(performance.now() - started)} ms`);
  expect(result).toEqual(expected);
  expect(mock.files.slice(before)).toEqual(expectedFiles);
}

describe('the same smoke in every runtime, against a loopback mock', () => {
  beforeAll(async () => {
    mock = await startMockApi();
    project = await smokeProject();
    mock.serve('/smoke.html', 'text/html', smokePage);
    mock.serve('/smoke.js', 'text/javascript', project.browserBundle);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    if (project) await rm(project.folder, { recursive: true, force: true });
  });

  it.each(runtimes)(
    '$name: engines, text-to-image in JSON and PNG, image-to-image from a File and a Blob, a 404',
    async (runtime: RuntimeCommand) => {
      expect(await versionOf(runtime)).toMatch(runtime.version);
      await checkSmoke(runtime.name, () => runSmoke(runtime, project.folder, mock.url));
    },
    90_000,
  );

  it('headless Chromium: the same, from a page on another origin (CORS)', async () => {
    browser = await launchChromium();
    expect(browser.version()).toMatch(/^\d{3}\./);
    const port = new URL(mock.url).port;
    const page = `http://localhost:${port}/smoke.html?api=${encodeURIComponent(mock.url)}`;
    await checkSmoke(`Chromium ${browser.version()}`, () => runBrowserSmoke(browser as Browser, page));
  }, 90_000);
});
