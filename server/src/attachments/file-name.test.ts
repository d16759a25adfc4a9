import { describe, expect, it } from 'vitest';
import { cleanFileName, storedFileName } from './file-name.js';

describe('cleanFileName', () => {
  it('keeps the base name only, without control characters or quotes', () => {
    expect(cleanFileName('C:\\Users\\me\\..\\shot "1".png')).toBe('shot 1.png');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('   ')).toBe('file');
  });

  it('drops bidi controls, so a name cannot show its extension reversed', () => {
    // "invoice\u202Egnp.js" displays as "invoicesj.png".
    expect(cleanFileName('invoice\u202egnp.js')).toBe('invoicegnp.js');
    expect(cleanFileName('\u2066a\u2069\u200e\u200f\u061c\u202a\u202b\u202c\u202d.txt')).toBe('a.txt');
  });

  it('drops trailing dots and spaces, which Windows would drop to reveal another extension', () => {
    expect(cleanFileName('fix.bat. . ')).toBe('fix.bat');
    expect(cleanFileName('...')).toBe('file');
  });
});

describe('storedFileName', () => {
  it('ends every name in an extension of the type, keeping the rest of the name', () => {
    expect(storedFileName('invoice.js', 'text/plain')).toBe('invoice.js.txt');
    expect(storedFileName('.env', 'text/plain')).toBe('.env.txt');
    expect(storedFileName('shot.JPEG', 'image/jpeg')).toBe('shot.JPEG');
    expect(storedFileName('shot.jpeg.png', 'image/jpeg')).toBe('shot.jpeg.png.jpg');
    expect(storedFileName('invoice\u202egnp.js', 'text/plain')).toBe('invoicegnp.js.txt');
  });

  it('stays within 255 characters and is idempotent', () => {
    const long = storedFileName(`${'a'.repeat(300)}.exe`, 'application/pdf');
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(storedFileName(long, 'application/pdf')).toBe(long);
    expect(storedFileName(storedFileName('x.html', 'text/plain'), 'text/plain')).toBe('x.html.txt');
  });
});
