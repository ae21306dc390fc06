/**
 * Input limits of the matcher. A paste is cut to MAX_INPUT_CHARS before any processing so that hostile input
 * (1 MB of text, binary junk, endless repetitions) costs bounded time; the head of a paste carries the error.
 */
export const MAX_INPUT_CHARS = 16_000;
/** Code-like tokens longer than this are ignored (no catalogue code is anywhere near it). */
export const MAX_CODE_TOKEN_CHARS = 80;
