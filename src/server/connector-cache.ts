/**
 * Reuse of Bot Connector clients across turns. botbuilder's CloudAdapter builds a new ConnectorClient (credentials,
 * HTTP pipeline) for every inbound activity; a client is stateless apart from its token cache, so one per
 * (bot identity, serviceUrl, audience) serves every turn — as the older BotFrameworkAdapter did. Bounded: the
 * least recently used client is dropped beyond `maxEntries` (lru-cache; Teams uses a handful of service URLs).
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { LRUCache } from 'lru-cache';

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
export type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

export interface ConnectorClientCache {
  /** A factory that returns cached clients, creating them with `factory` on first use. */
  wrap(factory: ConnectorFactory, identityKey: string): ConnectorFactory;
  size(): number;
}

export function createConnectorClientCache(maxEntries = 64): ConnectorClientCache {
  const clients = new LRUCache<string, Promise<ConnectorClient>>({ max: maxEntries });
  return {
    wrap(factory, identityKey) {
      const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const key = JSON.stringify([identityKey, serviceUrl, audience ?? '']);
        const cached = clients.get(key); // marks it most recently used
        if (cached) return cached;
        const created = factory.create(serviceUrl, audience);
        clients.set(key, created);
        // A failed creation is not cached (the caller still gets the rejection from `created`).
        created.catch(() => clients.delete(key));
        return created;
      };
      return { create } as ConnectorFactory;
    },
    size: () => clients.size,
  };
}
