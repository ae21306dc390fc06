/**
 * The configuration a `remedy` command reads: the bot's (src/config.ts), from the same environment — `.env` in the
 * working directory is loaded once by the CLI entry point (src/cli/index.ts `runCli`) exactly as the bot loads it.
 * So `remedy match` uses CATALOGUE_PATH and the MATCH_*_THRESHOLD settings the bot uses.
 */
import { loadConfig, type Config } from '../config';

/** The validated configuration (throws ConfigError, one line per invalid variable). */
export function loadCliConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  return loadConfig(env);
}
