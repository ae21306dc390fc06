import { createConnectorClientCache, type ConnectorFactory } from '../../src/server/connector-cache';

function countingFactory(fail = false) {
  let created = 0;
  const factory = {
    create: async (serviceUrl: string) => {
      created += 1;
      if (fail) throw new Error(`cannot create a client for ${serviceUrl}`);
      return { serviceUrl, n: created };
    },
  } as unknown as ConnectorFactory;
  return { factory, created: () => created };
}

describe('createConnectorClientCache', () => {
  it('creates one client per identity, service URL and audience, and reuses it across turns', async () => {
    const cache = createConnectorClientCache();
    const { factory, created } = countingFactory();
    const first = await cache.wrap(factory, 'bot').create('https://smba.example/emea/', 'aud');
    const again = await cache.wrap(factory, 'bot').create('https://smba.example/emea/', 'aud');
    expect(again).toBe(first);
    await cache.wrap(factory, 'bot').create('https://smba.example/amer/', 'aud');
    await cache.wrap(factory, 'other-bot').create('https://smba.example/emea/', 'aud');
    expect(created()).toBe(3);
  });

  it('does not keep a failed creation, and stays within its bound', async () => {
    const cache = createConnectorClientCache(2);
    const failing = countingFactory(true);
    await expect(cache.wrap(failing.factory, 'bot').create('https://a/')).rejects.toThrow(/cannot create/);
    await expect(cache.wrap(failing.factory, 'bot').create('https://a/')).rejects.toThrow(/cannot create/);
    expect(failing.created()).toBe(2);
    const { factory } = countingFactory();
    for (const url of ['https://a/', 'https://b/', 'https://c/'])
      await cache.wrap(factory, 'bot').create(url);
    expect(cache.size()).toBe(2);
  });
});
