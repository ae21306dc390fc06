/**
 * Where the package's own files are, the same whether the code runs from src/ through tsx or compiled from dist/
 * (`npm run build`): the package root is the nearest folder above this file that holds package.json.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..'); // not in a package: src/'s parent
  }
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** The catalogue the bot, the CLI and the scripts read when CATALOGUE_PATH is not set. */
export const DEFAULT_CATALOGUE_PATH = path.join(PACKAGE_ROOT, 'knowledge', 'catalogue.json');

/** The matcher's concept glossary (part of the package, not configurable). */
export const GLOSSARY_PATH = path.join(PACKAGE_ROOT, 'knowledge', 'glossary.json');
