/**
 * Node-only helpers, kept out of the main entry so browser bundles never see `node:fs`.
 * @packageDocumentation
 */
/// <reference types="node" />
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';

const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/**
 * A `File` backed by the file at `path`, for `init_image`, `mask_image` or `image`: the bytes are read
 * while the request is sent, not into memory first (`fs.openAsBlob`). The type comes from the extension.
 * @example
 * import { fileFromPath } from 'stability-rest/node';
 * await stability.generation.upscale('esrgan-v1-x2plus', { image: await fileFromPath('photo.png') });
 */
export async function fileFromPath(path: string, type?: string): Promise<File> {
  const mediaType = type ?? imageTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // openAsBlob's own error says only "Unable to open file as blob": stat first for ENOENT with the path.
  if (!(await stat(path)).isFile()) throw new Error(`fileFromPath: ${path} is not a file`);
  const blob = await openAsBlob(path, { type: mediaType });
  return new File([blob], basename(path), { type: mediaType });
}
