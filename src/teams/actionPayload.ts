/** Validates a card action's data against its verb's schema (src/cards/actions.ts), typed by verb. */
import { parseAction, type ActionPayload, type Verb, VERBS } from '../cards/actions';
import { DomainError } from '../core/errors';

export function isVerb(verb: string): verb is Verb {
  return (VERBS as string[]).includes(verb);
}

export function payloadOf<V extends Verb>(verb: V, data: unknown): ActionPayload<V> | DomainError {
  const parsed = parseAction(verb, data);
  if (parsed instanceof DomainError) return parsed;
  if (parsed.verb !== verb) return new DomainError('ACTION_INVALID', `expected a ${verb} payload`, { verb });
  return parsed.data as ActionPayload<V>;
}
