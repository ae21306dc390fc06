/** Loads knowledge/glossary.json: the trilingual concept glossary the matcher uses (validated with zod). */
import { GlossarySchema, type Glossary } from '../core/matching/glossary';
import { DomainError } from '../core/errors';
import { describeIssues } from '../core/validation';
import { GLOSSARY_PATH } from '../paths';
import { readKnowledgeJson } from './jsonFile';

/** knowledge/glossary.json of the package (src/paths.ts: the same from src/ and from a dist/ build). */
export const DEFAULT_GLOSSARY_PATH = GLOSSARY_PATH;

/** Validates untrusted glossary JSON; the error names the file, the field and what was expected. */
export function parseGlossary(json: unknown, source = 'glossary'): Glossary {
  const parsed = GlossarySchema.safeParse(json);
  if (!parsed.success) {
    throw new DomainError(
      'CATALOGUE_INVALID',
      `${source} is invalid: ${describeIssues(parsed.error, { max: 5, root: '(root)' })}`,
      { path: source },
    );
  }
  return parsed.data;
}

export function loadGlossary(file: string = DEFAULT_GLOSSARY_PATH): Glossary {
  return parseGlossary(readKnowledgeJson(file, 'glossary'), file);
}
