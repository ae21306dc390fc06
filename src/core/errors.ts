/** Coded domain errors: users see a friendly card, logs get the code and ids (DESIGN.md). */
export const ERROR_CODES = [
  'CATALOGUE_INVALID',
  'ENTRY_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'SESSION_CONFLICT',
  'SESSION_ENDED',
  /** A card action for a session of another conversation or tenant (a forwarded or forged card). */
  'SESSION_FOREIGN',
  'ACTION_INVALID',
  /** A card could not be rendered from its data (a bug or an oversized card, never the user's click). */
  'CARD_INVALID',
  'STORE_UNAVAILABLE',
  'SCHEMA_TOO_NEW',
  'CONFIG_INVALID',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown, code?: ErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}

/** The message of something thrown (an Error's message, anything else as a string), for a line of output. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
