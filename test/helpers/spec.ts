import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSpec, type OpenApiDocument } from '../../scripts/generate/spec.js';

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The spec's text as committed in openapi/stabilityai.json. */
export const specText = readFileSync(new URL('../../openapi/stabilityai.json', import.meta.url), 'utf8');

/** A fresh parsed copy of the spec, safe to mutate. */
export function specDocument(): OpenApiDocument {
  return loadSpec(specText).document;
}
