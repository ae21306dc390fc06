/**
 * Pseudonymous user ids and text fingerprints: records can be counted and erased per user without storing who said
 * what or what was pasted. One home for the bot (src/teams), the CLI (`remedy erase`) and main.
 *
 * A user id is stored as HMAC-SHA256(key, Teams user id), hex. The key is USER_HASH_SALT when set (required in
 * production, shared by all instances), otherwise a random one generated once and kept in
 * `<DATA_DIR>/user-hash-salt` (mode 0600), so hashes stay stable across restarts of a local or single-instance bot.
 *
 * Before HMAC the hash was SHA-256(salt ‖ NUL ‖ user id) with the same secret (`legacyUserHash`). Records written
 * then keep that value: they are still counted, and `remedy erase --user <Teams id>` erases both forms; a user who
 * talks to the bot across the upgrade appears under two hashes in per-user counts (a one-time change).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
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

/** The pseudonym of a Teams user id: HMAC-SHA256 keyed with the user-hash key (hex, 64 digits). Deterministic. */
export function hashUserId(key: string, userId: string): string {
  return createHmac('sha256', key).update(userId).digest('hex');
}

/** The hash records written before the HMAC change carry (salted SHA-256); only for finding old records. */
export function legacyUserHash(salt: string, userId: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(userId).digest('hex');
}

/** SHA-256 of the pasted text (hex): identical pastes can be recognised, the text is not kept. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
