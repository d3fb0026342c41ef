/**
 * Refuses stale generated files: regenerates src/generated/ in memory from openapi/stabilityai.json (and
 * openapi/naming.json) and exits with 1, naming the files, when the committed ones differ or when the spec
 * cannot be generated. `npm run build` and `npm run typecheck` run it first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatedDir, generateFiles, readNamingText, specPath } from './generate/index.js';
import { SpecError } from './generate/spec.js';

/** Generated files that are missing, differ from what the spec gives, or are left over. */
export async function staleGeneratedFiles(root: string): Promise<string[]> {
  const expected = await generateFiles(await readFile(join(root, specPath), 'utf8'), readNamingText(root));
  const present = await readdir(join(root, generatedDir)).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const [name, content] of expected) {
    const committed = await readFile(join(root, generatedDir, name), 'utf8').catch(() => undefined);
    if (committed !== content) stale.push(`${generatedDir}/${name}`);
  }
  for (const name of present) if (!expected.has(name)) stale.push(`${generatedDir}/${name} (no longer generated)`);
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const stale = await staleGeneratedFiles('.');
    if (stale.length > 0) {
      console.error(`Generated files are stale (${stale.join(', ')}): run \`npm run generate\`.`);
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.error(`${specPath} cannot be generated: ${error.message}`);
    process.exitCode = 1;
  }
}
