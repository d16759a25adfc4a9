import { describe, expect, it } from 'vitest';
import { PNG_1PX } from '../testing/files.js';
import { sniffType } from './content-type.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

describe('sniffType', () => {
  it.each([
    ['a PNG', new Uint8Array(PNG_1PX), 'image/png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ'), 'application/pdf'],
    ['a log with tabs, ANSI colours and Cyrillic', bytes('2026-12-02 10:00:01\tERROR \u001b[31mdisk full\u001b[0m: диск заполнен\r\n'), 'text/plain'],
    ['a log that mentions markup further in', bytes('GET /index.html 200\n<div> not at the start\n'), 'text/plain'],
  ])('recognises %s by its bytes', (_name, content, type) => {
    expect(sniffType(content)).toBe(type);
  });

  it.each([
    ['an empty file', bytes()],
    ['an ELF executable', bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0])],
    ['a ZIP archive', bytes('PK', [3, 4, 20, 0])],
    ['invalid UTF-8', bytes([0xc3, 0x28, 0x41])],
    ['text with NUL bytes', bytes('abc', [0], 'def')],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['an HTML page (what a browser would render)', bytes('\n  <!DOCTYPE html><script>alert(1)</script>')],
    ['an SVG image (it can carry script)', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['XML', bytes('<?xml version="1.0"?><x/>')],
  ])('refuses %s', (_name, content) => {
    expect(sniffType(content)).toBeNull();
  });
});
