import type { TestProject } from 'vitest/node';
import { startPrism } from '../../scripts/prism/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the Prism mock server the contract tests call. */
    prismUrl: string;
  }
}

/** Starts Prism once for the whole run (free port on 127.0.0.1) and stops it by pid afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism();
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}
