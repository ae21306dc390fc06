/**
 * The store contract on PostgreSQL: TEST_DATABASE_URL when set, else a throw-away server from
 * scripts/pg-test-server.sh. Skipped (with the reason printed) only when neither exists.
 */
import { Client } from 'pg';
import { openStores, type Stores } from '../../src/storage';
import { LATEST_SCHEMA_VERSION } from '../../src/storage/migrations';
import { describeStoreContract } from './contract';
import { makeSession, silentLogger } from './fixtures';
import { createTestDatabase, postgresUnavailableReason, testPostgres, type PgServer } from './postgresServer';

jest.setTimeout(60_000);

const skipReason = postgresUnavailableReason();
if (skipReason) console.warn(`PostgreSQL store tests skipped: ${skipReason}`);
const describeIfPostgres = skipReason ? describe.skip : describe;

let server: PgServer | undefined;
const drops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  if (!skipReason) server = await testPostgres();
});

afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
  await server?.stop();
});

async function freshDatabase(): Promise<string> {
  if (!server) throw new Error(`PostgreSQL unavailable: ${skipReason}`);
  const db = await createTestDatabase(server.url);
  drops.push(db.drop);
  return db.url;
}

describeStoreContract(
  'PostgreSQL',
  () => ({
    async open() {
      const databaseUrl = await freshDatabase();
      const open = () => openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger });
      return { stores: await open(), reopen: open };
    },
  }),
  skipReason,
);

describeIfPostgres('PostgreSQL store', () => {
  it('migrates once even when several instances start together', async () => {
    const databaseUrl = await freshDatabase();
    const opened: Stores[] = await Promise.all(
      Array.from({ length: 4 }, () =>
        openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger }),
      ),
    );
    expect(opened.every((s) => s.kind === 'postgres')).toBe(true);
    await opened[0]?.sessions.create(makeSession('s1'));
    await expect(opened[3]?.sessions.get('s1')).resolves.toMatchObject({ id: 's1' });
    for (const s of opened) await s.close();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
  });

  it('refuses to start on a database written by a newer Remedy', async () => {
    const databaseUrl = await freshDatabase();
    await (await openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger })).close();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')", [
      LATEST_SCHEMA_VERSION + 1,
    ]);
    await client.end();
    await expect(
      openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger }),
    ).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      message: expect.stringMatching(/upgrade Remedy/),
    });
  });
});

describe('PostgreSQL unreachable at start-up', () => {
  it('fails with STORE_UNAVAILABLE naming the server, never the password', async () => {
    // A loopback port nobody listens on: refused at once.
    const databaseUrl = 'postgres://remedy:s3cret@127.0.0.1:1/remedy';
    const opening = openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger });
    await expect(opening).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('127.0.0.1:1/remedy'),
    });
    await expect(
      openStores({ databaseUrl, dataDir: '/nonexistent', logger: silentLogger }),
    ).rejects.not.toThrow(/s3cret/);
  });
});
