/**
 * Reads a JSON request body with a hard size cap: a declared Content-Length above the cap is refused before
 * reading, and a body that grows past it while streaming is cut off (the rest is never buffered).
 */
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new BodyError(415, `content-type: expected application/json, got "${contentType || '(none)'}"`);
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new BodyError(413, `body: expected at most ${maxBytes} bytes, Content-Length is ${declared}`);
  }
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const collected: Buffer[] = [];
    let received = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) tooLarge = true; // keep draining (so a 413 can be sent) but buffer nothing more
      if (!tooLarge) collected.push(chunk);
    });
    request.on('end', () =>
      tooLarge ? reject(new BodyError(413, `body: expected at most ${maxBytes} bytes`)) : resolve(collected),
    );
    request.on('error', reject);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BodyError(
      400,
      `body: expected JSON (${error instanceof Error ? error.message : 'unparseable'})`,
    );
  }
}
