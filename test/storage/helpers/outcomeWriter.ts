/**
 * Child process for the kill -9 test: ends sessions (session + outcome in one transaction) and appends outcomes
 * as fast as it can, printing `committed <sessionId>` only after the store acknowledged the write.
 * Usage: tsx outcomeWriter.ts <dataDir> [databaseUrl]
 */
import pino from 'pino';
import { openStores } from '../../../src/storage';
import { makeOutcome, makeSession, resolve } from '../fixtures';

async function main(): Promise<void> {
  const [dataDir, databaseUrl] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: outcomeWriter.ts <dataDir> [databaseUrl]');
  const stores = await openStores({
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    logger: pino({ level: 'silent' }),
  });
  process.stdout.write('ready\n');
  for (let i = 0; ; i += 1) {
    const id = `${process.pid}-${i}`;
    if (i % 2 === 0) {
      const session = makeSession(`session-${id}`);
      await stores.sessions.create(session);
      const { session: ended, outcome } = resolve(session);
      const result = await stores.sessions.update(ended, outcome);
      if (!result.ok) throw new Error(`unexpected conflict on ${session.id}`);
      process.stdout.write(`committed session-${id}\n`);
    } else {
      await stores.outcomes.append(makeOutcome(`append-${id}`));
      process.stdout.write(`committed append-${id}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`outcomeWriter failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
