/**
 * `npm run dev`: Remedy from the TypeScript sources (tsx) plus, in local mode, the Microsoft 365 Agents Playground
 * pointed at it (PLAYGROUND, PLAYGROUND_PORT). Development only — production runs dist/src/main.js, which never
 * loads the playground. A playground that fails to start is logged; the bot keeps running.
 */
import { join } from 'node:path';
import { configFromEnvironment, processLogger, runProcess } from './main';
import { startPlayground } from './server/playground';

async function dev(): Promise<void> {
  const config = configFromEnvironment('remedy dev');
  const logger = processLogger(config);
  const running = await runProcess(config, { logger, playgroundHint: false });
  if (!config.playground.enabled || config.mode !== 'local') return;
  try {
    const playground = await startPlayground({
      botEndpoint: `${running.url}/api/messages`,
      port: config.playground.port,
      logger,
      logFile: join(config.dataDir, 'agents-playground.log'),
    });
    // Stopped with the bot: runProcess exits on SIGTERM/SIGINT, and the playground exits when our pipe closes.
    process.once('exit', () => void playground.stop());
    process.stdout.write(`\n  Talk to the bot: open ${playground.url} (Microsoft 365 Agents Playground)\n\n`);
  } catch (error) {
    logger.error({ err: error }, 'the Agents Playground did not start (the bot keeps running)');
  }
}

void dev();
