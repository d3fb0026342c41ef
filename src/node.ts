/**
 * Node-only helpers, kept out of the main entry so browser bundles never see `node:fs`.
 * @packageDocumentation
 */
/// <reference types="node" />
import { openAsBlob, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type FileRanges, openRanges } from './wrappers/uploads.js';

const imageTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/**
 * A `File` backed by the file at `path`, for `init_image`, `mask_image` or `image`: the bytes are read
 * while the request is sent, not into memory first (`fs.openAsBlob`). The type comes from the extension.
 * Like a Blob from `fs.openAsBlob`, it cannot be read once the file has changed.
 * @example
 * import { fileFromPath } from 'stability-rest/node';
 * await stability.generation.upscale('esrgan-v1-x2plus', { image: await fileFromPath('photo.png') });
 */
export async function fileFromPath(path: string, type?: string): Promise<File> {
  const mediaType = type ?? imageTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // openAsBlob's own error says only "Unable to open file as blob": stat first for ENOENT with the path.
  const stats = await stat(path);
  if (!stats.isFile()) throw new Error(`fileFromPath: ${path} is not a file`);
  const blob = await openAsBlob(path, { type: mediaType });
  const file = new File([blob], basename(path), { type: mediaType });
  // The client streams the file through this rather than through the Blob: a Blob of a file reads each
  // slice into buffers, then copies them into the slice's ArrayBuffer (twice the allocation; a 4 MB upload
  // took 1.1-1.4x the CPU); a FileHandle reads each chunk once, straight into the memory fetch is given.
  Object.defineProperty(file, openRanges, { value: () => openFile(path, stats) });
  return file;
}

/** The file at `path` open for range reads, if it is still the file `expected` describes. */
async function openFile(path: string, expected: Stats): Promise<FileRanges> {
  const handle = await open(path, 'r');
  const changed = () => new Error(`fileFromPath: ${path} changed after fileFromPath() opened it`);
  try {
    const now = await handle.stat();
    if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs || now.ino !== expected.ino) throw changed();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    async read(position, length) {
      // Not zero-filled: every byte is overwritten by the read, or the buffer is dropped with an error.
      const bytes = Buffer.allocUnsafeSlow(length);
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
        if (bytesRead === 0) throw changed();
        done += bytesRead;
      }
      return bytes;
    },
    close: () => handle.close(),
  };
}
