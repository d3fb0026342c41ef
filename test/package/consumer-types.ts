import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A consumer's compiler settings: lib ES2022 and no DOM unless asked, strict, skipLibCheck off. */
export interface ConsumerSetup {
  /** The `lib` entries. */
  lib: string[];
  /** `types` entries, e.g. `['node']`, resolved from `typeRoots`. */
  types: string[];
  /** Where `types` are found. */
  typeRoots: string[];
  /** The consumer's source. */
  source: string;
}

/**
 * Writes a consumer project's tsconfig.json and index.ts into `folder` (where the package is installed) and
 * compiles it with the TypeScript at `typescriptDir`; returns the compiler's output ('' when clean).
 */
export async function compileConsumer(folder: string, typescriptDir: string, setup: ConsumerSetup): Promise<string> {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: setup.lib,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
      types: setup.types,
      typeRoots: setup.typeRoots,
    },
    files: ['index.ts'],
  };
  await writeFile(join(folder, 'tsconfig.json'), JSON.stringify(tsconfig));
  await writeFile(join(folder, 'index.ts'), setup.source);
  try {
    await run(process.execPath, [join(typescriptDir, 'bin', 'tsc'), '-p', folder], { cwd: folder });
    return '';
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return `${failure.stdout ?? ''}${failure.stderr ?? ''}` || String(error);
  }
}

/** Uses the main entry as a user would: options, a call in each Accept mode, an error class, the raw client. */
export const mainEntryUsage = `
import { createStabilityClient, NotFoundError, type TextToImageBody } from 'stability-rest';

const stability = createStabilityClient({ apiKey: 'sk-types', baseUrl: 'http://127.0.0.1:1' });
const body: TextToImageBody = { text_prompts: [{ text: 'a lighthouse' }], cfg_scale: 7 };
export async function use(): Promise<number> {
  const png = await stability.generation.textToImage('stable-diffusion-v1-6', body, { accept: 'image/png' });
  const engines = await stability.engines.list({ signal: AbortSignal.timeout(1000) });
  const raw = await stability.raw.GET('/v1/user/balance');
  const image: Uint8Array = png.artifacts[0]?.image ?? new Uint8Array();
  // @ts-expect-error cfg_scale is a number
  await stability.generation.textToImage('stable-diffusion-v1-6', { text_prompts: [], cfg_scale: '7' });
  return image.length + engines.length + (raw.data?.credits ?? 0) + (NotFoundError.name.length);
}
`;

/** Uses the Node entry too. */
export const nodeEntryUsage = `${mainEntryUsage}
import { fileFromPath } from 'stability-rest/node';
export const file: Promise<File> = fileFromPath('photo.png');
`;
