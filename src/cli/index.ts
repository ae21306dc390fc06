/**
 * The `remedy` command: one module per subcommand in ./commands, registered here. `runCli` is the process entry
 * (bin/remedy.js): it loads `.env` as the bot does, then dispatches. Commands parse their options with
 * parseCommandArgs (./args.ts) and read configuration with loadCliConfig (./config.ts).
 */
import { loadDotEnv } from '../environment';
import type { CliCommand, CliIo } from './io';
// Subcommands are imported statically: under `node bin/remedy.js` (tsx/cjs) a dynamic import() of an
// extensionless .ts path is not resolved. Start-up stays around 0.4 s including the database drivers.
import { command as catalogueCommand } from './commands/catalogue';
import { command as ingestCommand } from './commands/ingest';
import { command as evalCommand } from './commands/eval';
import { command as matchCommand } from './commands/match';
import { command as eraseCommand } from './commands/erase';
import { command as exportCommand } from './commands/export';
import { command as importCommand } from './commands/import';
import { command as statsCommand } from './commands/stats';
import { errorMessage } from '../core/errors';

// The registry: one line per subcommand (src/cli/commands/<name>.ts exports `command`).
const commands: Record<string, () => Promise<CliCommand>> = {
  ingest: async () => ingestCommand,
  catalogue: async () => catalogueCommand,
  match: async () => matchCommand,
  eval: async () => evalCommand,
  stats: async () => statsCommand,
  export: async () => exportCommand,
  import: async () => importCommand,
  erase: async () => eraseCommand,
};

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write('usage: remedy <command> [args]\n\ncommands:\n');
    for (const [commandName, load] of Object.entries(commands)) {
      io.stdout.write(`  ${commandName.padEnd(10)} ${(await load()).summary}\n`);
    }
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`remedy: unknown command '${name}'. Run 'remedy help' for the list.\n`);
    return 2;
  }
  return (await load()).run(args, io);
}

/** `remedy ...` as a process: `.env` first (variables already set win), then the command. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    loadDotEnv();
  } catch (error) {
    io.stderr.write(`remedy: cannot read .env: ${errorMessage(error)}\n`);
    return 2;
  }
  return main(argv, io);
}
