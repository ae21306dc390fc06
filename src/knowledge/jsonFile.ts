/** Reads a knowledge file (catalogue, glossary) as JSON; a missing or malformed file is CATALOGUE_INVALID. */
import { readFileSync } from 'node:fs';
import { DomainError, errorMessage } from '../core/errors';

/**
 * The parsed JSON of `path`, not yet validated. `what` names the file in the error ("catalogue", "glossary") and
 * `remedy` says how to make it again when it is generated.
 */
export function readKnowledgeJson(path: string, what: string, remedy = ''): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DomainError(
      'CATALOGUE_INVALID',
      `cannot read ${what} ${path}: ${errorMessage(error)}.${remedy}`,
      {
        path,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('CATALOGUE_INVALID', `${what} ${path} is not JSON: ${errorMessage(error)}`, {
      path,
    });
  }
}
