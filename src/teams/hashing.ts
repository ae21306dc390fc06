/** Hashes that let records be counted and erased without storing who said what or what was pasted. */
import { createHash } from 'node:crypto';

/** Salted SHA-256 of a Teams user id (hex). The same user and salt always give the same hash. */
export function hashUserId(salt: string, userId: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(userId).digest('hex');
}

/** SHA-256 of the pasted text (hex): identical pastes can be recognised, the text is not kept. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
