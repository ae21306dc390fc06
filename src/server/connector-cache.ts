/**
 * Reuse of Bot Connector clients across turns. botbuilder's CloudAdapter builds a new ConnectorClient (credentials,
 * HTTP pipeline) for every inbound activity; a client is stateless apart from its token cache, so one per
 * (bot identity, serviceUrl, audience) serves every turn — as the older BotFrameworkAdapter did. Bounded: the
 * least recently used client is dropped beyond `maxEntries` (Teams uses a handful of service URLs).
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

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
  const clients = new Map<string, Promise<ConnectorClient>>();
  return {
    wrap(factory, identityKey) {
      const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const key = JSON.stringify([identityKey, serviceUrl, audience ?? '']);
        const cached = clients.get(key);
        if (cached) {
          clients.delete(key); // re-insert as most recently used
          clients.set(key, cached);
          return cached;
        }
        const created = factory.create(serviceUrl, audience);
        clients.set(key, created);
        // A failed creation is not cached (the caller still gets the rejection from `created`).
        created.catch(() => clients.delete(key));
        while (clients.size > maxEntries) {
          const oldest = clients.keys().next().value;
          if (oldest === undefined) break;
          clients.delete(oldest);
        }
        return created;
      };
      return { create } as ConnectorFactory;
    },
    size: () => clients.size,
  };
}
