/** What the client needs to know of the runtime it runs in. */

/** The package's version, sent in `User-Agent` (a test checks it against package.json). */
export const packageVersion = '0.1.0';

/**
 * Whether this is a web page (a window with a document and a navigator), as openai-node judges it: there,
 * an API key given to the client is readable by anyone who opens the page.
 */
export function isBrowser(): boolean {
  const scope = globalThis as { window?: { document?: unknown }; navigator?: unknown };
  return typeof scope.window?.document !== 'undefined' && typeof scope.navigator !== 'undefined';
}

/**
 * The `User-Agent` the client sends, naming the package and the runtime: `stability-rest/0.1.0 (node 20.20.2)`.
 * `undefined` in a browser, which owns that header (setting it would also make every call need a CORS
 * preflight that allows it).
 */
export function userAgent(): string | undefined {
  if (isBrowser()) return undefined;
  const scope = globalThis as {
    Bun?: { version?: string };
    Deno?: { version?: { deno?: string } };
    process?: { versions?: { node?: string } };
  };
  const runtime = scope.Bun?.version
    ? `bun ${scope.Bun.version}`
    : scope.Deno?.version?.deno
      ? `deno ${scope.Deno.version.deno}`
      : scope.process?.versions?.node
        ? `node ${scope.process.versions.node}`
        : undefined;
  return `stability-rest/${packageVersion}${runtime ? ` (${runtime})` : ''}`;
}
