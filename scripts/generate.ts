/**
 * `npm run generate`: reads openapi/stabilityai.json and rewrites src/generated/ (types, validators,
 * request-body table). Files in src/generated/ that the spec no longer produces are removed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatedDir, generateFiles, specPath } from './generate/index.js';

const files = await generateFiles(await readFile(specPath, 'utf8'));
await mkdir(generatedDir, { recursive: true });
for (const stale of await readdir(generatedDir)) {
  if (!files.has(stale)) await rm(join(generatedDir, stale));
}
for (const [name, content] of files) await writeFile(join(generatedDir, name), content);
console.log(`generated ${[...files.keys()].map((name) => join(generatedDir, name)).join(', ')} from ${specPath}`);
