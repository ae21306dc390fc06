/**
 * Command words (`help`, `stats [code]`, `search <words>`), in English, Korean and Dutch. Only the first word
 * counts, so a pasted error that happens to contain "search" is still matched as an error.
 */
export type CommandName = 'help' | 'stats' | 'search';

export interface Command {
  name: CommandName;
  /** Text after the command word, trimmed ('' when none). */
  argument: string;
}

const WORDS: Record<CommandName, readonly string[]> = {
  help: ['help', '?', 'hulp', '도움말', '도움', '명령어'],
  stats: ['stats', 'statistics', 'stat', 'statistieken', 'statistiek', '통계'],
  search: ['search', 'zoeken', 'zoek', '검색'],
};

/** Commands take a short argument at most; anything longer is a paste, not a command. */
const MAX_ARGUMENT_CHARS = 200;

const byWord = new Map<string, CommandName>(
  (Object.entries(WORDS) as Array<[CommandName, readonly string[]]>).flatMap(([name, words]) =>
    words.map((word) => [word, name] as [string, CommandName]),
  ),
);

export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  // Commands are one line; a multi-line message is a pasted log or error.
  if (trimmed.includes('\n')) return undefined;
  const match = /^\/?(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  if (!match) return undefined;
  const name = byWord.get((match[1] ?? '').toLowerCase());
  if (!name) return undefined;
  const argument = (match[2] ?? '').trim();
  if (argument.length > MAX_ARGUMENT_CHARS) return undefined;
  // "help" takes no argument: "help, backup failed with 0x29834" is a paste.
  if (name === 'help' && argument.length > 0) return undefined;
  return { name, argument };
}
