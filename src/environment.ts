/**
 * The process environment as every entry point reads it (the bot, `remedy`, `npm run package`, the playground):
 * `.env` in the working directory first (Node's own parser, process.loadEnvFile; variables already set in the
 * environment win), then src/config.ts validates it.
 */
import { existsSync } from 'node:fs';

/** Loads `.env` (or `file`) into process.env when it exists; returns whether it did. Throws on a malformed file. */
export function loadDotEnv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
