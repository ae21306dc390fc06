/**
 * Builds the Teams app package: fills `manifest/manifest.json` from configuration (`src/config.ts`,
 * `loadTeamsPackageSettings`), validates the result against the Teams manifest JSON schema bundled with
 * `@microsoft/app-manifest` (read from disk, never fetched), checks the icons' pixel sizes and the outline
 * icon's white-on-transparent rule, and writes a zip with `manifest.json`, `color.png` and `outline.png` at its
 * root (default `manifest/build/remedy.zip`, next to the rendered `manifest.json`).
 *
 *   npm run package [-- --out <file.zip>]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { ConfigError, readTeamsPackageSettings, type TeamsPackageSettings } from '../src/config';
import { loadDotEnv } from '../src/environment';

/** The Teams manifest schema the template is written against (its `manifestVersion`). */
export const MANIFEST_VERSION = '1.23';
export const ROOT_DIR = path.resolve(__dirname, '..');
export const MANIFEST_DIR = path.join(ROOT_DIR, 'manifest');
export const DEFAULT_ZIP_PATH = path.join(MANIFEST_DIR, 'build', 'remedy.zip');
export const ICONS = {
  color: { file: 'color.png', size: 192 },
  outline: { file: 'outline.png', size: 32 },
} as const;
export type IconKind = keyof typeof ICONS;
/** Zip entries get this timestamp, so the same inputs give the same bytes. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

/** The rendered manifest or an icon breaks a Teams rule: one line per problem. */
export class AppPackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the Teams app package is invalid:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

/** The variables the package needs, with why; TEAMS_APP_ID is not listed: it defaults to MicrosoftAppId. */
export const REQUIRED_VARIABLES = {
  MicrosoftAppId: 'the bot id of the Azure Bot resource',
  BOT_DOMAIN: 'host name of the messaging endpoint, for validDomains, like remedy.example.com',
  TEAMS_WEBSITE_URL: "developer.websiteUrl, the publisher's https website, like https://remedy.example.com",
  TEAMS_PRIVACY_URL: 'developer.privacyUrl, an https page, like https://remedy.example.com/privacy',
  TEAMS_TERMS_URL: 'developer.termsOfUseUrl, an https page, like https://remedy.example.com/terms',
} as const;

const missingLine = (variable: keyof typeof REQUIRED_VARIABLES): string =>
  `${variable}: required to build the Teams app package (${REQUIRED_VARIABLES[variable]})`;

/**
 * Every configuration problem at once: invalid values (one line each) and required variables that are not set
 * (an invalid value is not also reported as missing). [] when the package can be rendered.
 */
export function configurationProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const read = readTeamsPackageSettings(env);
  const invalid = read.ok ? [] : read.issues;
  const named = new Set(invalid.map((issue) => issue.split(':')[0]));
  const missing = (Object.keys(REQUIRED_VARIABLES) as Array<keyof typeof REQUIRED_VARIABLES>)
    .filter((variable) => !named.has(variable) && (env[variable] ?? '').trim() === '')
    .map(missingLine);
  return [...invalid, ...missing];
}

/** The `{{TOKEN}}` values of the template, from configuration; throws ConfigError naming each missing variable. */
export function templateValues(settings: TeamsPackageSettings, version: string): Record<string, string> {
  const { teams, botId } = settings;
  const missing: string[] = [];
  const need = (value: string | undefined, variable: string, why: string): string => {
    if (value === undefined) missing.push(`${variable}: required to build the Teams app package (${why})`);
    return value ?? '';
  };
  const values = {
    VERSION: version,
    BOT_ID: need(botId, 'MicrosoftAppId', REQUIRED_VARIABLES.MicrosoftAppId),
    TEAMS_APP_ID: need(teams.appId, 'TEAMS_APP_ID', 'the Teams app id; defaults to MicrosoftAppId'),
    BOT_NAME: teams.botName,
    BOT_FULL_NAME: teams.botFullName,
    BOT_DOMAIN: need(teams.botDomain, 'BOT_DOMAIN', REQUIRED_VARIABLES.BOT_DOMAIN),
    DEVELOPER_NAME: teams.developer.name,
    WEBSITE_URL: need(teams.developer.websiteUrl, 'TEAMS_WEBSITE_URL', REQUIRED_VARIABLES.TEAMS_WEBSITE_URL),
    PRIVACY_URL: need(teams.developer.privacyUrl, 'TEAMS_PRIVACY_URL', REQUIRED_VARIABLES.TEAMS_PRIVACY_URL),
    TERMS_URL: need(teams.developer.termsOfUseUrl, 'TEAMS_TERMS_URL', REQUIRED_VARIABLES.TEAMS_TERMS_URL),
  };
  // teams.appId falls back to MicrosoftAppId: report only the root cause when both are missing.
  const issues = botId === undefined ? missing.filter((line) => !line.startsWith('TEAMS_APP_ID:')) : missing;
  if (issues.length > 0) throw new ConfigError(issues);
  return values;
}

/** Replaces every `{{TOKEN}}` inside the template's string values (so the result stays valid JSON). */
export function renderTemplate(template: unknown, values: Readonly<Record<string, string>>): unknown {
  const unknownTokens = new Set<string>();
  const render = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\{\{([A-Z_]+)\}\}/g, (token, name: string) => {
        const value = values[name];
        if (value === undefined) unknownTokens.add(token);
        return value ?? token;
      });
    }
    if (Array.isArray(node)) return node.map(render);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, render(value)]));
    }
    return node;
  };
  const rendered = render(template);
  if (unknownTokens.size > 0) {
    throw new AppPackageError([...unknownTokens].map((token) => `template: no value for ${token}`));
  }
  return rendered;
}

/** The official Teams manifest schema for `version`, as shipped inside @microsoft/app-manifest (offline). */
export function teamsManifestSchema(version: string = MANIFEST_VERSION): object {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(
    packageDir,
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    'MicrosoftTeams.schema.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

/**
 * Schema errors of a manifest ([] when valid). The schema is passed explicitly: without it,
 * validateAgainstSchema would download `$schema` when the package lacks a local copy.
 */
export async function manifestSchemaErrors(
  manifest: unknown,
  schema: object = teamsManifestSchema(),
): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(
    manifest as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
}

/**
 * What the schema does not check: the pixel size of an icon and, for the outline icon, that every pixel is white
 * or fully transparent (alpha carries the shape). [] when the icon is fine.
 */
export function iconProblems(kind: IconKind, png: Buffer): string[] {
  const { file, size } = ICONS[kind];
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${file}: not a readable PNG (${(error as Error).message})`];
  }
  const problems: string[] = [];
  if (image.width !== size || image.height !== size) {
    problems.push(`${file}: expected ${size}×${size} pixels, got ${image.width}×${image.height}`);
  }
  if (kind === 'outline') {
    let coloured = 0;
    let transparent = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
      if (a === 0) transparent++;
      else if (r !== 255 || g !== 255 || b !== 255) coloured++;
    }
    if (coloured > 0) problems.push(`${file}: expected white pixels only, found ${coloured} coloured pixels`);
    if (transparent === 0)
      problems.push(`${file}: expected a transparent background, found no transparent pixel`);
  }
  return problems;
}

/** A zip with the given files at its root, reproducible (fixed timestamps). */
export function zipFiles(files: ReadonlyArray<{ name: string; data: Buffer }>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const { name, data } of files) zip.addBuffer(data, name, { mtime: FIXED_MTIME, mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export interface BuildOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Where to write the zip; the rendered manifest.json is written next to it. */
  zipPath?: string;
  /** Folder with manifest.json and the icons. */
  manifestDir?: string;
  /** The app version (semver); defaults to package.json's. */
  version?: string;
}

/**
 * Renders, validates and writes the package. Throws ConfigError listing every configuration problem at once, or
 * AppPackageError listing every manifest-schema and icon problem at once (nothing is written then).
 */
export async function buildAppPackage(
  options: BuildOptions,
): Promise<{ zipPath: string; manifest: unknown }> {
  const manifestDir = options.manifestDir ?? MANIFEST_DIR;
  const zipPath = options.zipPath ?? DEFAULT_ZIP_PATH;
  const version = options.version ?? packageVersion();
  const problems = configurationProblems(options.env);
  if (problems.length > 0) throw new ConfigError(problems);
  const read = readTeamsPackageSettings(options.env);
  if (!read.ok) throw new ConfigError(read.issues); // not reached: configurationProblems reported them
  const values = templateValues(read.settings, version);
  const template: unknown = JSON.parse(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'));
  const manifest = renderTemplate(template, values);
  const icons = (Object.keys(ICONS) as IconKind[]).map((kind) => ({
    kind,
    name: ICONS[kind].file,
    data: readFileSync(path.join(manifestDir, ICONS[kind].file)),
  }));
  const packageProblems = [
    ...(await manifestSchemaErrors(manifest)).map((error) => `manifest.json: ${error}`),
    ...icons.flatMap((icon) => iconProblems(icon.kind, icon.data)),
  ];
  if (packageProblems.length > 0) throw new AppPackageError(packageProblems);

  const manifestJson = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const zip = await zipFiles([{ name: 'manifest.json', data: manifestJson }, ...icons]);
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(path.join(path.dirname(zipPath), 'manifest.json'), manifestJson);
  writeFileSync(zipPath, zip);
  return { zipPath, manifest };
}

function packageVersion(): string {
  const pkg = z
    .object({ version: z.string({ error: 'package.json: expected a "version" string' }) })
    .parse(JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')));
  return pkg.version;
}

const ARGS = {
  options: { out: { type: 'string' } },
  schema: z.object({
    out: z
      .string()
      .regex(/\.zip$/i, { error: 'expected a path ending in .zip' })
      .optional(),
    positionals: z.array(z.string()).max(0, { error: 'expected only --out <file.zip>' }),
  }),
} as const;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseScriptArgs('package', argv, ARGS);
  if (args === undefined) return 2; // the usage error is on stderr
  const out = args.out === undefined ? undefined : path.resolve(args.out);
  loadDotEnv(); // as the bot: variables already set in the environment win
  try {
    const { zipPath } = await buildAppPackage({
      env: process.env,
      ...(out !== undefined && { zipPath: out }),
    });
    process.stdout.write(`wrote ${path.relative(process.cwd(), zipPath)} (manifest v${MANIFEST_VERSION})\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `package: invalid configuration (see .env.example):\n${error.issues.map((i) => `  ${i}\n`).join('')}`,
      );
      return 2;
    }
    if (error instanceof AppPackageError) {
      process.stderr.write(`package: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `package: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
