/**
 * `remedy erase --user <hash|Teams user id>`: deletes a user's outcome records and sessions. A 64-hex-digit value
 * is taken as the stored hash; anything else as a raw Teams user id, hashed with the configured salt
 * (USER_HASH_SALT, else the salt kept in DATA_DIR) exactly as the bot hashes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config';
import { hashUserId, legacyUserHash, resolveUserHashSalt, SALT_FILE } from '../../privacy';
import type { CliCommand } from '../io';
import { cliConfig, parseOptions, runCommand, UsageError, withStores } from './storeAccess';
import { describeIssues } from '../../core/validation';

const HASH = /^[0-9a-f]{64}$/;

/**
 * The stored hash for a --user value; for a raw Teams id also the hash records written before the HMAC change carry
 * (src/privacy.ts), so that erasing a person finds every record of theirs.
 */
export function userHashOf(user: string, config: Config): { hash: string; hashed: boolean; legacy?: string } {
  if (HASH.test(user)) return { hash: user, hashed: false };
  const saltFile = path.join(config.dataDir, SALT_FILE);
  if (config.userHashSalt === undefined && !fs.existsSync(saltFile)) {
    throw new Error(
      `cannot hash a raw user id: USER_HASH_SALT is not set and ${saltFile} does not exist (no user id was ever hashed here); pass the 64-hex-digit hash instead`,
    );
  }
  const { salt } = resolveUserHashSalt({
    ...(config.userHashSalt !== undefined && { configured: config.userHashSalt }),
    dataDir: config.dataDir,
  });
  return { hash: hashUserId(salt, user), hashed: true, legacy: legacyUserHash(salt, user) };
}

const UserSchema = z.string().trim().min(1, '--user expects a hashed user id or a Teams user id');

export const command: CliCommand = {
  summary: "deletes a user's outcome records and sessions: --user <hash|Teams user id> [--json]",
  run: (args, io) =>
    runCommand('erase', io, async () => {
      const options = parseOptions(args, { flags: ['json'], values: ['user'] });
      if (options.positional.length > 0)
        throw new UsageError(`unexpected argument '${options.positional[0]}'`);
      const user = UserSchema.safeParse(options.values.get('user') ?? '');
      if (!user.success) throw new UsageError(describeIssues(user.error, { root: '--user' }));
      const config = cliConfig();
      const { hash, hashed, legacy } = userHashOf(user.data, config);
      const erased = await withStores(config, io, async (stores) => {
        const current = await stores.eraseUser(hash);
        if (legacy === undefined) return current;
        const old = await stores.eraseUser(legacy);
        return { outcomes: current.outcomes + old.outcomes, sessions: current.sessions + old.sessions };
      });
      if (options.flags.has('json')) {
        io.stdout.write(`${JSON.stringify({ userHash: hash, ...erased })}\n`);
      } else {
        io.stdout.write(
          `Erased ${erased.outcomes} outcome record${erased.outcomes === 1 ? '' : 's'} and ${erased.sessions} ` +
            `session${erased.sessions === 1 ? '' : 's'} of user ${hash}${hashed ? ' (hashed from the given Teams id)' : ''}.\n`,
        );
      }
      return 0;
    }),
};
