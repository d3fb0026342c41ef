/**
 * `npm run generate`: reads openapi/stabilityai.json (and openapi/naming.json, if present) and rewrites
 * src/generated/ (types, validators, operation table). Files the spec no longer produces are removed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatedDir, generateFiles, readNamingText, specPath } from './generate/index.js';
import { SpecError } from './generate/spec.js';

try {
  const files = await generateFiles(await readFile(specPath, 'utf8'), readNamingText());
  await mkdir(generatedDir, { recursive: true });
  for (const stale of await readdir(generatedDir)) {
    if (!files.has(stale)) await rm(join(generatedDir, stale));
  }
  for (const [name, content] of files) await writeFile(join(generatedDir, name), content);
  console.log(`generated ${[...files.keys()].map((name) => join(generatedDir, name)).join(', ')} from ${specPath}`);
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  console.error(`npm run generate: ${specPath} ${error.message}`);
  process.exitCode = 1;
}
