/**
 * `npm run bench:http` token-validation runs only, preloaded into the real server process (`node -r`):
 * - inbound: points botbuilder's public-cloud channel OpenID metadata at the locally served signing keys
 *   (BENCH_OPENID_METADATA_URL), so every request's token is really checked (signature, issuer, audience,
 *   service URL, expiry) — what test/server/auth.test.ts does through createAdapter's test option;
 * - outbound: the bot's own AAD client-credentials token for replies is stubbed (no network to
 *   login.microsoftonline.com here; the SDK caches that token for an hour in production, so it is not a
 *   per-activity cost).
 */
/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- plain CommonJS for `node -r`, loaded before tsx is registered */
'use strict';
const connector = require('botframework-connector');

const url = process.env.BENCH_OPENID_METADATA_URL;
if (!url) throw new Error('bench/auth-preload.cjs: BENCH_OPENID_METADATA_URL is not set');
connector.AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl = url;
connector.AppCredentials.prototype.getToken = async function getToken() {
  return 'bench-outbound-token';
};
