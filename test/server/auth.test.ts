/**
 * With Microsoft app credentials configured, /api/messages accepts only activities carrying a Bot Framework token
 * signed by a key the channel publishes. The channel's OpenID metadata is served locally (the one thing this test
 * replaces; token checks are botbuilder's own): a missing, malformed, forged, expired or mis-addressed token → 401,
 * logged, and the bot never runs; a genuinely signed token → the bot runs.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeConsoleToLogger } from '../../src/logging';
import { startHarness, teamsMessage, type Harness } from './harness';

const APP_ID = '6f4e1a7c-1111-4222-8333-944445555666';
const TENANT_ID = '0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const KEY_ID = 'channel-key-1';

const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function token(
  claims: Record<string, unknown>,
  key: KeyObject = channelKey.privateKey,
  kid = KEY_ID,
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(
    JSON.stringify({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('authentication with credentials configured', () => {
  let metadata: Server;
  let metadataUrl: string;
  let harness: Harness;

  beforeAll(async () => {
    const jwk = channelKey.publicKey.export({ format: 'jwk' });
    metadata = createServer((request, response) => {
      const base = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
      response.setHeader('content-type', 'application/json');
      if (request.url === '/.well-known/openidconfiguration') {
        response.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
      } else if (request.url === '/keys') {
        response.end(
          JSON.stringify({
            keys: [{ kty: 'RSA', use: 'sig', kid: KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
          }),
        );
      } else {
        response.statusCode = 404;
        response.end('{}');
      }
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    metadataUrl = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}/.well-known/openidconfiguration`;
  });

  beforeEach(async () => {
    harness = await startHarness({
      config: {
        mode: 'authenticated',
        credentials: {
          appId: APP_ID,
          appPassword: 'not-used-here',
          appType: 'SingleTenant',
          tenantId: TENANT_ID,
        },
      },
      openIdMetadataUrl: metadataUrl,
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  afterAll(async () => {
    await new Promise((resolve) => metadata.close(resolve));
  });

  const rejected = (h: Harness) =>
    h.log.lines.filter((line) => line.msg === 'POST /api/messages' && line.status === 401);

  it.each([
    ['no Authorization header', undefined],
    ['a non-bearer Authorization header', 'Basic dXNlcjpwYXNz'],
    ['a bearer value that is not a JWT', 'Bearer not-a-token'],
    ['a token signed by another key', `Bearer ${token({}, attackerKey.privateKey)}`],
    ['a token for another bot', `Bearer ${token({ aud: '00000000-0000-4000-8000-000000000000' })}`],
    ['an expired token', `Bearer ${token({ nbf: 1_600_000_000, exp: 1_600_003_600 })}`],
    ['a token from an untrusted issuer', `Bearer ${token({ iss: 'https://evil.example.com' })}`],
    [
      'a token issued for another service URL',
      `Bearer ${token({ serviceurl: 'https://evil.example.com/' })}`,
    ],
  ])('refuses %s with 401, logs it, and runs no bot code', async (_case, authorization) => {
    const response = await harness.post(teamsMessage(SERVICE_URL), authorization ? { authorization } : {});
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'unauthorized' });
    expect(harness.turns).toHaveLength(0);
    expect(rejected(harness)).toEqual([
      expect.objectContaining({ level: 'warn', reason: expect.any(String) }),
    ]);
    expect(harness.log.raw()).not.toContain(authorization?.slice(7, 40) ?? 'no-header');
  });

  it('checks the token before the body: a bad token never gets field-level 400s', async () => {
    const invalid = { type: 'message', channelId: 'msteams', serviceUrl: SERVICE_URL, conversation: {} };
    const forged = await harness.post(invalid, { authorization: 'Bearer x' });
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ error: 'unauthorized' });
    const signed = await harness.post(invalid, { authorization: `Bearer ${token({})}` });
    expect(signed.status).toBe(400);
    expect(signed.body).toEqual(
      expect.objectContaining({
        issues: expect.arrayContaining([expect.stringMatching(/^activity.conversation.id: /)]),
      }),
    );
    const notJson = await harness.post('{"type": "message",', { authorization: 'Bearer x' });
    expect(notJson.status).toBe(401);
    expect(notJson.body).toEqual({ error: 'unauthorized' });
    expect(harness.turns).toHaveLength(0);
  });

  it("routes the SDK's console output (the PEM keys it prints for a forged signature) into one JSON log event", async () => {
    const restore = routeConsoleToLogger(harness.log.logger);
    try {
      const response = await harness.post(teamsMessage(SERVICE_URL), {
        authorization: `Bearer ${token({}, attackerKey.privateKey)}`,
      });
      expect(response.status).toBe(401);
    } finally {
      restore();
    }
    const fromConsole = harness.log.lines.filter((line) => line.source === 'console');
    expect(fromConsole).toEqual([
      expect.objectContaining({
        level: 'debug',
        output: expect.stringContaining('Available keys: [PEM key]'),
      }),
    ]);
    expect(harness.log.raw()).not.toContain('BEGIN PUBLIC KEY');
  });

  it('runs the bot for a token signed by the channel key', async () => {
    const response = await harness.post(teamsMessage(SERVICE_URL), { authorization: `Bearer ${token({})}` });
    expect(rejected(harness).map((line) => line.reason)).toEqual([]);
    expect(response.status).toBe(200);
    expect(harness.turns).toHaveLength(1);
    expect(rejected(harness)).toHaveLength(0);
  });
});
