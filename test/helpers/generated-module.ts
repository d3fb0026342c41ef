import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes a generated validators module into a fresh folder outside the project (no node_modules to
 * resolve from) and imports it: the import fails if the module loads anything at run time.
 */
export async function importValidatorsInIsolation(source: string): Promise<Record<string, unknown>> {
  const folder = await mkdtemp(join(tmpdir(), 'stability-rest-validators-'));
  try {
    const file = join(folder, 'validators.js');
    await writeFile(join(folder, 'package.json'), '{"type":"module"}');
    await writeFile(file, source);
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
