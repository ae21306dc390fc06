/** Reads knowledge/catalogue.json and validates it into the indexed Catalogue (used by the bot and the CLI). */
import { Catalogue } from '../core/catalogue/catalogue';
import { DEFAULT_CATALOGUE_PATH } from '../paths';
import { readKnowledgeJson } from './jsonFile';

/** The one default catalogue path (src/paths.ts), also CATALOGUE_PATH's default in src/config.ts. */
export { DEFAULT_CATALOGUE_PATH };
export const DEFAULT_SOURCES_DIR = 'knowledge/sources';
export const DEFAULT_SYMPTOMS_DIR = 'knowledge/symptoms';

export function loadCatalogue(path: string = DEFAULT_CATALOGUE_PATH): Catalogue {
  return Catalogue.fromJson(readKnowledgeJson(path, 'catalogue', " Run 'npm run ingest'."));
}
