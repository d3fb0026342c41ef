import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from '../wrappers/artifacts.js';

/** One image written to disk. */
export interface SavedFile {
  path: string;
  seed: number;
  finishReason: string;
  /** Size in bytes. */
  bytes: number;
  /** Which run of a batch produced it (1-based). */
  run: number;
}

/**
 * Writes an artifact as `<base>-<seed>-<n>.<ext>` in `dir`, `n` the first number whose file does not exist:
 * nothing is ever overwritten. The bytes go to a temporary file first, linked to its name only once complete,
 * so an interrupted write leaves no partial image under that name.
 */
export async function saveArtifact(dir: string, base: string, artifact: Artifact, run: number): Promise<SavedFile> {
  await mkdir(dir, { recursive: true });
  const stem = `${base}-${artifact.seed}`;
  const extension = imageExtension(artifact.image);
  const temporary = join(dir, `.${stem}.${randomUUID()}.partial`);
  await writeFile(temporary, artifact.image, { flag: 'wx' });
  try {
    for (let n = 1; ; n++) {
      const path = join(dir, `${stem}-${n}.${extension}`);
      try {
        await link(temporary, path);
        return { path, seed: artifact.seed, finishReason: artifact.finishReason, bytes: artifact.image.length, run };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** The extension for an image's bytes, from their signature (the API sends PNG; a mock may send anything). */
function imageExtension(bytes: Uint8Array): string {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57) return 'webp';
  return 'bin';
}

/** The line printed for a saved file: path, seed, finish reason, size, separated by tabs. */
export function fileLine(file: SavedFile): string {
  return `${file.path}\tseed ${file.seed}\t${file.finishReason}\t${file.bytes} bytes`;
}

/** How an error appears in `--json` output: its class, message, and what it carries that scripts use. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields = error as Error & { status?: unknown; issues?: unknown; errorName?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(fields.status !== undefined ? { status: fields.status } : {}),
    ...(fields.errorName !== undefined ? { errorName: fields.errorName } : {}),
    ...(fields.issues !== undefined ? { issues: fields.issues } : {}),
  };
}
