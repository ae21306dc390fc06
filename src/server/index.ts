/** The server side of Remedy: HTTP edge, CloudAdapter, outbound retry/pacing, rate limit, user-hash salt. */
export {
  createAdapter,
  isAuthenticationError,
  RemedyAdapter,
  UnauthorizedError,
  type AdapterOptions,
  type TurnLogic,
} from './adapter';
export {
  createServer,
  TURN_LOGGER_KEY,
  type ReadinessCheck,
  type RemedyServer,
  type ServerDeps,
  type TurnRunner,
} from './server';
export {
  createConversationRateLimiter,
  type ConversationRateLimiter,
  type RateLimitOptions,
} from './rate-limit';
export { createOutboundHttpClient, OutboundGaveUpError } from './outbound-client';
export {
  createPacer,
  parseRetryAfter,
  retryDelayMs,
  RETRYABLE_STATUSES,
  type Pacer,
  type RetryPolicy,
} from './outbound-policy';
export { resolveUserHashSalt } from './user-hash-salt';
export { createConnectorClientCache, type ConnectorClientCache } from './connector-cache';
