/** Reads knowledge/catalogue.json and validates it into the indexed Catalogue (used by the bot and the CLI). */
import { readFileSync } from 'node:fs';
import { Catalogue } from '../core/catalogue/catalogue';
import { DomainError } from '../core/errors';
import { DEFAULT_CATALOGUE_PATH } from '../paths';

/** The one default catalogue path (src/paths.ts), also CATALOGUE_PATH's default in src/config.ts. */
export { DEFAULT_CATALOGUE_PATH };
export const DEFAULT_SOURCES_DIR = 'knowledge/sources';

export function loadCatalogue(path: string = DEFAULT_CATALOGUE_PATH): Catalogue {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DomainError(
      'CATALOGUE_INVALID',
      `cannot read catalogue ${path}: ${(error as Error).message}. Run 'npm run ingest'.`,
      { path },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DomainError('CATALOGUE_INVALID', `catalogue ${path} is not JSON: ${(error as Error).message}`, {
      path,
    });
  }
  return Catalogue.fromJson(json);
}
