import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeBase64 } from '../src/wrappers/artifacts.js';

/** `atob` is the reference: browsers and Node implement WHATWG forgiving-base64 in it. */
function referenceDecode(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Strings made mostly of base64 characters, with padding, whitespace and stray characters mixed in. */
const base64ish = fc
  .array(fc.constantFrom(...'ABCXYZabxyz0189+/', '=', '==', ' ', '\n', '\t', '-', '_', '.', '!', 'é', '\u00a0'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));
const encoded = fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64'));
const samples = fc.oneof(
  base64ish,
  encoded,
  encoded.map((text) => text.replace(/=+$/, '')),
);
const runs = 2_000;

describe.each([
  ['Buffer (Node)', () => {}],
  ['atob (runtimes without Buffer)', () => vi.stubGlobal('Buffer', undefined)],
])('decodeBase64 with %s', (_decoder, useDecoder) => {
  afterEach(() => vi.unstubAllGlobals());

  it(`accepts and decodes exactly what atob does (${runs} random strings)`, () => {
    let refused = 0;
    fc.assert(
      fc.property(samples, (text) => {
        const expected = referenceDecode(text);
        useDecoder();
        const actual = decodeBase64(text);
        vi.unstubAllGlobals();
        if (!expected) refused++;
        expect(actual && [...actual]).toEqual(expected && [...expected]);
      }),
      { numRuns: runs },
    );
    expect(refused).toBeGreaterThan(runs / 10);
  });

  it('round-trips random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        useDecoder();
        const decoded = decodeBase64(text);
        vi.unstubAllGlobals();
        expect(decoded && [...decoded]).toEqual([...bytes]);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['AQID', [1, 2, 3]],
    ['AQ==', [1]],
    ['AQ', [1]],
    [' AQ\r\nID ', [1, 2, 3]],
    ['', []],
    ['A', undefined],
    ['AQ=', undefined],
    ['AQ==AQ==', undefined],
    ['a-b_', undefined],
    ['...very long string...', undefined],
  ])('%j -> %j', (text, expected) => {
    useDecoder();
    const decoded = decodeBase64(text);
    expect(decoded && [...decoded]).toEqual(expected);
  });
});
