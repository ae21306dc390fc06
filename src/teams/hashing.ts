/** User and text hashes: defined once in src/privacy.ts (shared with the CLI), re-exported for the bot's modules. */
export { hashText, hashUserId } from '../privacy';
