import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A running mock server. */
export interface MockServer {
  url: string;
  stop(): Promise<void>;
}

/** `--mock` cannot run here (an installed package has neither the Prism script nor Prism); the message says why. */
export class MockUnavailableError extends Error {
  override name = 'MockUnavailableError' as const;
}

/**
 * Starts the embedded Prism mock, as `npm run demo` does: scripts/prism/server.ts of a clone of the
 * repository (found next to src/ or dist/), with tsx and Prism from its devDependencies.
 */
export async function startMock(): Promise<MockServer> {
  const script = new URL('../../scripts/prism/server.ts', import.meta.url);
  if (!existsSync(fileURLToPath(script))) {
    throw new MockUnavailableError(
      '--mock needs a clone of the stability-rest repository (scripts/prism and its devDependencies); an installed package has no mock server: use --base-url or --dry-run instead.',
    );
  }
  const server = (await importTypeScript(script)) as {
    startPrism: () => Promise<MockServer>;
  };
  try {
    return await server.startPrism();
  } catch (error) {
    throw new MockUnavailableError(`--mock could not start Prism (run npm ci in the repository): ${firstLine(error)}`);
  }
}

/** Imports a .ts module: directly when running under tsx, else through tsx's API (a devDependency). */
async function importTypeScript(url: URL): Promise<unknown> {
  try {
    return await import(url.href);
  } catch (direct) {
    const api = 'tsx/esm/api';
    try {
      const { tsImport } = (await import(api)) as { tsImport: (path: string, from: string) => Promise<unknown> };
      return await tsImport(url.href, import.meta.url);
    } catch {
      throw new MockUnavailableError(`--mock needs tsx (npm ci in the repository): ${firstLine(direct)}`);
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
