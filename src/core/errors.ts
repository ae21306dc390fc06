/** Coded domain errors: users see a friendly card, logs get the code and ids (DESIGN.md). */
export const ERROR_CODES = [
  'CATALOGUE_INVALID',
  'ENTRY_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'SESSION_CONFLICT',
  'SESSION_ENDED',
  'ACTION_INVALID',
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
