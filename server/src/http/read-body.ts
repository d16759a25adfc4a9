import { AppError, ErrorCode } from '@introserv/shared';
import type { Request, Response } from 'express';

/**
 * A raw request body (an upload) of at most `max` bytes. Past the limit the upload is refused
 * with FILE_TOO_LARGE, before reading more when Content-Length says so; the connection then
 * closes, since the rest of the body is never read.
 */
export async function readRawBody(req: Request, res: Response, max: number): Promise<Buffer> {
  const tooLarge = (): AppError => {
    res.setHeader('Connection', 'close');
    return new AppError(ErrorCode.FileTooLarge, `files may be at most ${max} bytes`);
  };
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The name the uploader gave, from `X-File-Name` (URI-encoded, so any script fits in a header). */
export function uploadName(req: Request): string {
  const raw = req.get('x-file-name') ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Sends a stored file. Nothing in it is ever run or rendered as a page: nosniff, a sandboxing
 * CSP, and images only inline (everything else downloads). No cache keeps it (`no-store`, set
 * by the routes' `noStore` for every answer, this one included): a file must not stay readable
 * from a shared computer's cache after its reader logged out.
 */
export function sendFile(res: Response, file: { name: string; type: string }, bytes: Buffer): void {
  const inline = file.type.startsWith('image/');
  res.setHeader('Content-Type', file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type);
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.send(bytes);
}
