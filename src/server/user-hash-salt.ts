/**
 * The salt for hashing Teams user ids: USER_HASH_SALT when set (required in production, shared by all instances),
 * otherwise a random one generated once and kept in `<DATA_DIR>/user-hash-salt` (mode 0600), so hashes stay stable
 * across restarts of a local or single-instance bot. Used by main and by CLI commands that hash a raw user id.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SALT_FILE = 'user-hash-salt';

export interface SaltOptions {
  /** USER_HASH_SALT from the config, if set. */
  configured?: string;
  dataDir: string;
}

export interface ResolvedSalt {
  salt: string;
  source: 'config' | 'file' | 'generated';
  file?: string;
}

function readSaltFile(file: string): string | undefined {
  try {
    const salt = readFileSync(file, 'utf8').trim();
    if (salt.length < 16)
      throw new Error(
        `${file}: expected a salt of at least 16 characters; delete the file to generate a new one`,
      );
    return salt;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // not generated yet
    throw error;
  }
}

export function resolveUserHashSalt(options: SaltOptions): ResolvedSalt {
  if (options.configured !== undefined) return { salt: options.configured, source: 'config' };
  const file = path.join(options.dataDir, SALT_FILE);
  const existing = readSaltFile(file);
  if (existing !== undefined) return { salt: existing, source: 'file', file };
  mkdirSync(options.dataDir, { recursive: true });
  const salt = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, `${salt}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs so that every process hashes alike.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = readSaltFile(file);
    if (theirs === undefined) throw error;
    return { salt: theirs, source: 'file', file };
  }
  return { salt, source: 'generated', file };
}
