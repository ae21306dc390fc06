/**
 * What the words of a message ask for: a command (`help`, `stats [code]`, `search <words>`) or small talk
 * ("thanks", "hello", "ok"), in English, Korean and Dutch. Only the first word of a command counts, so a pasted
 * error that happens to contain "search" is still matched as an error; small talk is a whole short message.
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

export type SmallTalk = 'thanks' | 'hello' | 'ok';

const SMALL_TALK: Record<SmallTalk, readonly string[]> = {
  thanks: [
    'thanks',
    'thank you',
    'thanks a lot',
    'thank you very much',
    'many thanks',
    'thx',
    'ty',
    'cheers',
    'great thanks',
    'ok thanks',
    'perfect thanks',
    'dank je',
    'dank je wel',
    'dankjewel',
    'dank u',
    'dank u wel',
    'bedankt',
    '감사합니다',
    '고맙습니다',
    '고마워',
    '고마워요',
    '감사',
  ],
  hello: [
    'hello',
    'hi',
    'hey',
    'hi there',
    'hello there',
    'good morning',
    'morning',
    'hallo',
    'hoi',
    'goedemorgen',
    '안녕하세요',
    '안녕',
  ],
  ok: [
    'ok',
    'okay',
    'k',
    'got it',
    'great',
    'cool',
    'nice',
    'perfect',
    'sure',
    'oké',
    'prima',
    'top',
    '네',
    '알겠습니다',
    '좋아요',
  ],
};

const smallTalkByPhrase = new Map<string, SmallTalk>(
  (Object.entries(SMALL_TALK) as Array<[SmallTalk, readonly string[]]>).flatMap(([kind, phrases]) =>
    phrases.map((phrase) => [phrase, kind] as [string, SmallTalk]),
  ),
);

/** "Thanks!", "hello 👋", "ok." → its kind; anything with more to it (an error, a question) → undefined. */
export function smallTalkOf(text: string): SmallTalk | undefined {
  const phrase = text
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Emoji_Presentation}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (phrase.length === 0 || phrase.length > 40) return undefined;
  return smallTalkByPhrase.get(phrase) ?? smallTalkByPhrase.get(phrase.replace(/ (remedy|bot)$/, ''));
}
