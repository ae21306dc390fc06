/** SQLite under faults: the writing process killed with SIGKILL loses no committed outcome. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores } from '../../src/storage';
import { silentLogger } from './fixtures';
import { writeThenKill } from './helpers/killWriter';

jest.setTimeout(90_000);

it('keeps every committed outcome and ended session when the writer is killed with SIGKILL', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-kill-'));
  try {
    const { committed } = await writeThenKill([dataDir], 60);
    expect(committed.length).toBeGreaterThanOrEqual(60);

    const stores = await openStores({ dataDir, logger: silentLogger });
    const outcomes = await stores.outcomes.list();
    const ids = outcomes.map((o) => o.sessionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(committed));
    for (const id of committed.filter((c) => c.startsWith('session-'))) {
      await expect(stores.sessions.get(id)).resolves.toMatchObject({ status: 'resolved', version: 2 });
    }
    await stores.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
