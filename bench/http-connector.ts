/**
 * The channel side of `npm run bench:http`, in its own process: a lean Bot Connector the bot replies to (answers
 * every write with an id and counts it, keeps no bodies), and — for token-validation runs — the channel's OpenID
 * metadata and signing key (the public half of the key the parent signs the load generator's token with), as
 * test/server/auth.test.ts serves them.
 *   node -r tsx/cjs bench/http-connector.ts   (env BENCH_JWK: the public JWK as JSON, optional)
 * Prints `{"url": "...", "openIdMetadataUrl": "..."}`; GET /__stats → {"delivered": n}; POST /__reset.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const KEY_ID = 'bench-channel-key';
let delivered = 0;
let other = 0;
let nextId = 1;

function answer(url: string, method: string, base: string): string {
  if (url === '/__stats') return JSON.stringify({ delivered, other });
  if (url === '/__reset') {
    delivered = 0;
    other = 0;
    return '{}';
  }
  if (url === '/.well-known/openidconfiguration')
    return JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` });
  if (url === '/keys') {
    const jwk = JSON.parse(process.env.BENCH_JWK ?? '{}') as { n?: string; e?: string };
    return JSON.stringify({
      keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
    });
  }
  if (/^\/v3\/conversations\/[^/]+\/activities/.test(url) && (method === 'POST' || method === 'PUT')) {
    delivered += 1;
    return JSON.stringify({ id: `activity-${nextId++}` });
  }
  other += 1;
  return method === 'GET' ? '[]' : JSON.stringify({ id: `x-${nextId++}` });
}

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  request.resume();
  request.on('end', () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.setHeader('content-type', 'application/json');
    response.end(answer(url, request.method ?? 'GET', base));
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${port}/`, openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration`, keyId: KEY_ID })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
