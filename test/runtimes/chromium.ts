import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Flags of @sparticuz/chromium that the smoke must not use: `--disable-web-security` turns CORS off, and the
 * smoke is there to see the client work through it.
 */
const unwanted = new Set(['--disable-web-security']);

/**
 * Headless Chromium from the @sparticuz/chromium package (the binary ships inside it, unpacked to the
 * temporary folder on first use), driven by playwright-core: nothing is downloaded at install or run time.
 */
export async function launchChromium(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [
      ...chromium.args.filter((arg) => !unwanted.has(arg)),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    headless: true,
  });
}

/** The page that runs the bundled smoke. */
export const smokePage =
  '<!doctype html><meta charset="utf-8"><title>smoke</title><script type="module" src="/smoke.js"></script>';

/**
 * Opens `pageUrl` and waits for the smoke's result. Browser console errors are kept, so a failure says why.
 */
export async function runBrowserSmoke(browser: Browser, pageUrl: string): Promise<unknown> {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  try {
    await page.goto(pageUrl);
    const handle = await page.waitForFunction(() => (globalThis as { smokeResult?: unknown }).smokeResult, null, {
      timeout: 30_000,
    });
    const outcome = (await handle.jsonValue()) as { ok: boolean; result?: unknown; error?: string };
    if (!outcome.ok) throw new Error(`smoke failed in Chromium: ${outcome.error}\n${console.join('\n')}`);
    return outcome.result;
  } finally {
    await page.close();
  }
}
