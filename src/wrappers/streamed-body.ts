import type { FormEntry } from './multipart.js';
import { type FilePart, type FileRanges, rangesOf } from './uploads.js';

/**
 * Request bodies written as a stream of the user's own bytes, so that an upload is never copied: Node's
 * fetch copies a `Uint8Array` body and reads a `Blob` body whole into memory before writing it (a 200 MB
 * upload peaked at 3.2 to 5.3 times its size), while a stream of views on the same memory, with its
 * `Content-Length` set, peaks near the upload's own size, retries included. Browsers cannot stream a
 * request body over HTTP/1.1, and Bun and Deno are not measured, so only Node streams (`streamsBodies`).
 */

/**
 * A body that can be sent again: each call of `stream()` starts over from the first byte, and calls
 * `onEnd` once fetch has read its last byte (so a connection that failed before then cannot have
 * delivered the whole request).
 */
export interface StreamedBody {
  /** `Content-Type` of the body (with its boundary, for multipart). */
  contentType: string;
  /** Exact length in bytes, sent as `Content-Length` (fetch would otherwise send it chunked). */
  contentLength: number;
  stream(onEnd?: () => void): ReadableStream<Uint8Array>;
}

/** Whether this runtime's fetch sends a stream body with the `Content-Length` given: Node only (see above). */
export function streamsBodies(): boolean {
  const runtime = globalThis as { process?: { versions?: Record<string, string | undefined> }; Deno?: unknown };
  const versions = runtime.process?.versions;
  return typeof versions?.node === 'string' && versions.bun === undefined && runtime.Deno === undefined;
}

/** Chunks this size are read from a file or Blob, or viewed on memory, per pull: few reads, little memory held. */
const chunkBytes = 1024 * 1024;

const encoder = new TextEncoder();

/** A multipart/form-data body (RFC 7578) of the entries, as browsers' `FormData` writes it. */
export function streamedMultipart(entries: readonly FormEntry[]): StreamedBody {
  const boundary = `----stability-rest-${randomHex()}`;
  const pieces: Array<Uint8Array | FilePart> = [];
  for (const [name, value] of entries) {
    const file = typeof value === 'string' ? '' : `; filename="${escapeQuoted(value.filename)}"`;
    const type = typeof value === 'string' ? '' : `\r\nContent-Type: ${value.type}`;
    pieces.push(
      encoder.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(normaliseLineBreaks(name))}"${file}${type}\r\n\r\n`,
      ),
    );
    pieces.push(typeof value === 'string' ? encoder.encode(normaliseLineBreaks(value)) : value);
    pieces.push(encoder.encode('\r\n'));
  }
  pieces.push(encoder.encode(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: pieces.reduce((total, piece) => total + sizeOf(piece), 0),
    stream: (onEnd) => streamOf(pieces, onEnd),
  };
}

/** A binary body of one file part. */
export function streamedFile(part: FilePart, contentType: string): StreamedBody {
  return { contentType, contentLength: part.size, stream: (onEnd) => streamOf([part], onEnd) };
}

function sizeOf(piece: Uint8Array | FilePart): number {
  return piece instanceof Uint8Array ? piece.byteLength : piece.size;
}

/**
 * The pieces one chunk per pull, so nothing is read ahead of what the connection takes: views on memory
 * (never copies), chunks of a `fileFromPath()` file read from the file, slices of other Blobs read as they
 * are needed.
 */
function streamOf(pieces: ReadonlyArray<Uint8Array | FilePart>, onEnd?: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  let offset = 0;
  const file = openFile();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (index < pieces.length && offset >= sizeOf(pieces[index] as Uint8Array | FilePart)) {
          index++;
          offset = 0;
        }
        const piece = pieces[index];
        if (piece === undefined) {
          onEnd?.();
          return controller.close();
        }
        const end = Math.min(offset + chunkBytes, sizeOf(piece));
        controller.enqueue(await chunkOf(piece, offset, end, file));
        offset = end;
      },
      cancel: () => file.close(),
    },
    { highWaterMark: 0 },
  );
}

async function chunkOf(piece: Uint8Array | FilePart, start: number, end: number, file: OpenFile): Promise<Uint8Array> {
  const source = piece instanceof Uint8Array ? piece : piece.source;
  if (source instanceof Uint8Array) return source.subarray(start, end);
  const open = rangesOf(source);
  if (open) return file.read(open, start, end, end === source.size);
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}

interface OpenFile {
  read(open: () => Promise<FileRanges>, start: number, end: number, last: boolean): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * The `fileFromPath()` file a stream is reading, opened at its first chunk and closed after its last, on an
 * error, or when the stream is cancelled (fetch cancels it on abort), so that no descriptor waits for GC.
 */
function openFile(): OpenFile {
  let current: Promise<FileRanges> | undefined;
  const close = async () => {
    const file = current;
    current = undefined;
    // A file that failed to open has nothing to close, and a failed close must not fail the upload.
    await file?.then((ranges) => ranges.close()).catch(() => undefined);
  };
  return {
    async read(open, start, end, last) {
      current ??= open();
      try {
        const chunk = await (await current).read(start, end - start);
        if (last) await close();
        return chunk;
      } catch (error) {
        await close();
        throw error;
      }
    },
    close,
  };
}

/** A name or filename inside a quoted header parameter, escaped as the HTML standard's FormData does. */
function escapeQuoted(text: string): string {
  return text.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

/** Line breaks in a text field as CRLF, as FormData sends them. */
function normaliseLineBreaks(text: string): string {
  return text.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
}

function randomHex(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
