/**
 * The module boundaries of DESIGN.md, checked on the source text: the domain core stays pure, and the archived
 * Bot Framework SDK is imported only by the Teams and server adapters (so a move to its successor touches two folders).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Module specifiers the file imports or requires, read by TypeScript's own pre-processor (comments and strings are not imports). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((imported) => imported.fileName);
}

describe('module boundaries', () => {
  it('keeps src/core free of frameworks, drivers, fs and process', () => {
    const allowed = (spec: string) => spec === 'zod' || spec === 'fuse.js' || spec.startsWith('.');
    const offenders = sourceFiles(join(root, 'src', 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !allowed(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    const usesProcess = sourceFiles(join(root, 'src', 'core')).filter((file) =>
      /\bprocess\.(env|argv|exit|cwd)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
    expect(usesProcess.map((f) => relative(root, f))).toEqual([]);
  });

  it('keeps core imports inside src/core (no adapter folders)', () => {
    const offenders = sourceFiles(join(root, 'src', 'core')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => !join(file, '..', spec).startsWith(join(root, 'src', 'core')))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('imports botbuilder only from src/teams and src/server', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter(
        (file) => !file.includes(`${join('src', 'teams')}`) && !file.includes(`${join('src', 'server')}`),
      )
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => /^(botbuilder|botframework-)/.test(spec))
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
