/** Loads knowledge/glossary.json: the trilingual concept glossary the matcher uses (validated with zod). */
import { readFileSync } from 'node:fs';
import { GlossarySchema, type Glossary } from '../core/matching/glossary';
import { GLOSSARY_PATH } from '../paths';

/** knowledge/glossary.json of the package (src/paths.ts: the same from src/ and from a dist/ build). */
export const DEFAULT_GLOSSARY_PATH = GLOSSARY_PATH;

/** Validates untrusted glossary JSON; the error names the field and what was expected. */
export function parseGlossary(json: unknown, source = 'glossary'): Glossary {
  const parsed = GlossarySchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${source} is invalid: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export function loadGlossary(file: string = DEFAULT_GLOSSARY_PATH): Glossary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read glossary ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseGlossary(json, file);
}
