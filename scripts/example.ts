/**
 * `npm run example -- <name>`: runs examples/<name>.ts, the example of one operation (named by its
 * operationId). Without STABILITY_BASE_URL it starts Prism (the mock server) on the bundled spec and points
 * the example at it, with a placeholder key; with STABILITY_BASE_URL (and STABILITY_API_KEY) it calls that.
 * The examples import 'stability-rest' as users do; tsconfig.json maps that name to src/.
 */
import { readdirSync } from 'node:fs';
import { startPrism } from './prism/server.js';

const examplesDir = new URL('../examples/', import.meta.url);
/** The examples there are, by name. */
const names = readdirSync(examplesDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

async function main(name: string | undefined): Promise<number> {
  if (!name || !names.includes(name)) {
    console.error(`usage: npm run example -- <name>\nexamples: ${names.join(', ')}`);
    return 2;
  }
  const prism = process.env.STABILITY_BASE_URL ? undefined : await startPrism();
  if (prism) {
    process.env.STABILITY_BASE_URL = prism.url;
    process.env.STABILITY_API_KEY ??= 'sk-example-placeholder';
    console.log(`(against the Prism mock server at ${prism.url})`);
  }
  try {
    await import(new URL(`${name}.ts`, examplesDir).href);
    return 0;
  } finally {
    await prism?.stop();
  }
}

process.exitCode = await main(process.argv[2]);
