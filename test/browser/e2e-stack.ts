/**
 * The system under test for the browser tests: the real Remedy (startRemedy: catalogue, matcher, bot, SQLite in a
 * temporary DATA_DIR, local mode on a free port) and the Microsoft 365 Agents Playground pointed at it, both
 * started by the test and stopped by `stop()`. Their logs go to `<artifactsDir>/remedy.log` and
 * `<artifactsDir>/agents-playground.log` for post-mortems.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { startRemedy } from '../../src/main';
import { startPlayground } from '../../src/server/playground';

export interface E2eStack {
  /** The playground's web UI. */
  playgroundUrl: string;
  /** The bot's messaging endpoint. */
  botEndpoint: string;
  stop(): Promise<void>;
}

export async function startE2eStack(artifactsDir: string): Promise<E2eStack> {
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'remedy-e2e-data-'));
  const logStream = createWriteStream(join(artifactsDir, 'remedy.log'));
  const logger = createLogger({ level: 'info', destination: logStream });
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    PLAYGROUND: 'false', // started below, on a free port, so that a developer's running playground is not in the way
    LOG_LEVEL: 'info',
    CATALOGUE_PATH: resolve(__dirname, '../../knowledge/catalogue.json'),
  });
  const remedy = await startRemedy(config, { logger });
  const botEndpoint = `${remedy.url}/api/messages`;
  let playground;
  try {
    playground = await startPlayground({
      botEndpoint,
      port: 0,
      logger,
      logFile: join(artifactsDir, 'agents-playground.log'),
    });
  } catch (error) {
    await remedy.stop();
    throw error;
  }
  return {
    playgroundUrl: playground.url,
    botEndpoint,
    async stop() {
      await playground.stop();
      await remedy.stop();
      await new Promise<void>((done) => logStream.end(done));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
