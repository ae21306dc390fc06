import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { ConfigError } from '../../src/config';
import {
  AppPackageError,
  buildAppPackage,
  iconProblems,
  manifestSchemaErrors,
  renderTemplate,
  teamsManifestSchema,
} from '../../scripts/package-app';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { readZip, type ZipEntry } from './read-zip';
import { TROUBLESHOOT_COMMAND } from '../../src/teams/handlers/paste';
import { SEARCH_COMMAND } from '../../src/teams/handlers/search';

// @microsoft/app-manifest requires strip-bom, an ES module that jest's CommonJS runtime cannot load (plain Node,
// which `npm run package` uses, can). The package only uses it to read manifest files, which these tests do not.
jest.mock('strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const ROOT = path.resolve(__dirname, '..', '..');
const BOT_ID = '0b5f1c2e-8d4a-4c3b-9e7f-1a2b3c4d5e6f';
const TEAMS_APP_ID = 'c9d8e7f6-a5b4-4321-8765-0fedcba98765';
const ENV = {
  MicrosoftAppId: BOT_ID,
  BOT_DOMAIN: 'remedy.contoso.example',
  BOT_NAME: 'Remedy Ops',
  BOT_FULL_NAME: 'Remedy Ops — Azure Backup fixes',
  TEAMS_DEVELOPER_NAME: 'Contoso Backup Team',
  TEAMS_WEBSITE_URL: 'https://remedy.contoso.example/',
  TEAMS_PRIVACY_URL: 'https://remedy.contoso.example/privacy',
  TEAMS_TERMS_URL: 'https://remedy.contoso.example/terms',
};

interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string; full: string };
  developer: { name: string; privacyUrl: string };
  icons: { color: string; outline: string };
  bots: Array<{
    botId: string;
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{
      id: string;
      type: string;
      title: string;
      context: string[];
      fetchTask?: boolean;
      parameters: Array<{ name: string }>;
    }>;
  }>;
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-package-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

async function buildAndUnzip(
  env: Record<string, string> = ENV,
): Promise<{ entries: ZipEntry[]; manifest: Manifest }> {
  const { zipPath } = await buildAppPackage({ env, zipPath: path.join(dir, 'remedy.zip') });
  const entries = readZip(readFileSync(zipPath));
  const manifestEntry = entries.find((entry) => entry.name === 'manifest.json');
  if (!manifestEntry) throw new Error('manifest.json missing from the zip');
  return { entries, manifest: JSON.parse(manifestEntry.data.toString('utf8')) as Manifest };
}

function entry(entries: ZipEntry[], name: string): Buffer {
  const found = entries.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} missing from the zip`);
  return found.data;
}

describe('Teams app package (npm run package)', () => {
  it('zips exactly manifest.json and the two icons at the root', async () => {
    const { entries, manifest } = await buildAndUnzip();
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect([manifest.icons.color, manifest.icons.outline]).toEqual(['color.png', 'outline.png']);
    expect(entry(entries, 'color.png').equals(readFileSync(path.join(ROOT, 'manifest', 'color.png')))).toBe(
      true,
    );
  });

  it('produces a manifest that validates against the official v1.23 schema, offline', async () => {
    const fetch = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in tests'));
    const fetchSchema = jest
      .spyOn(AppManifestUtils, 'fetchSchema')
      .mockRejectedValue(new Error('no network in tests'));
    const { manifest } = await buildAndUnzip();
    const schema = teamsManifestSchema('1.23');
    expect(manifest.manifestVersion).toBe('1.23');
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never)).toEqual([]);
    expect(fetchSchema).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fills ids, names, domain and developer from configuration', async () => {
    const { manifest } = await buildAndUnzip({ ...ENV, TEAMS_APP_ID });
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(BOT_ID);
    expect(manifest.webApplicationInfo.id).toBe(BOT_ID);
    expect(manifest.name).toEqual({ short: 'Remedy Ops', full: 'Remedy Ops — Azure Backup fixes' });
    expect(manifest.developer.name).toBe('Contoso Backup Team');
    expect(manifest.developer.privacyUrl).toBe('https://remedy.contoso.example/privacy');
    expect(manifest.validDomains).toEqual(['remedy.contoso.example']);
    expect(manifest.version).toBe(
      (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
  });

  it('uses the bot id as the Teams app id when TEAMS_APP_ID is not set', async () => {
    const { manifest } = await buildAndUnzip();
    expect(manifest.id).toBe(BOT_ID);
  });

  it('offers the bot in personal, team and groupChat scopes with help, stats and search', async () => {
    const { manifest } = await buildAndUnzip();
    const bot = manifest.bots[0];
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.commandLists.flatMap((list) => list.scopes).sort()).toEqual([
      'groupChat',
      'personal',
      'team',
    ]);
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.map((command) => command.title)).toEqual(['help', 'stats', 'search']);
    }
  });

  it('offers "Troubleshoot with Remedy" on any message and a search in the compose box, both handled by the bot', async () => {
    const { manifest } = await buildAndUnzip();
    const [extension] = manifest.composeExtensions;
    expect(extension?.botId).toBe(BOT_ID);
    const action = extension?.commands.find((c) => c.type === 'action');
    expect(action).toMatchObject({
      id: TROUBLESHOOT_COMMAND,
      title: 'Troubleshoot with Remedy',
      context: ['message'],
      fetchTask: false,
    });
    const search = extension?.commands.find((c) => c.type === 'query');
    expect(search?.id).toBe(SEARCH_COMMAND);
    // The bot reads the typed words from the parameter named "query".
    expect(search?.parameters.map((p) => p.name)).toEqual(['query']);
  });

  it('asks for resource-specific consent to read channel messages without a mention', async () => {
    const { manifest } = await buildAndUnzip();
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
    ]);
    expect(manifest.webApplicationInfo.resource).toBe(`api://remedy.contoso.example/botid-${BOT_ID}`);
  });

  it('the schema check rejects a lower-case "groupchat" scope (case-sensitive since 1.22)', async () => {
    const { manifest } = await buildAndUnzip();
    const broken = structuredClone(manifest);
    broken.bots[0]!.scopes = ['personal', 'team', 'groupchat'];
    const errors = await manifestSchemaErrors(broken);
    expect(errors.join('\n')).toMatch(/\/bots\/0\/scopes\/2 must be equal to one of the allowed values/);
  });

  it('names every missing variable and writes nothing when configuration is incomplete', async () => {
    const zipPath = path.join(dir, 'remedy.zip');
    const build = buildAppPackage({ env: { BOT_NAME: 'Remedy' }, zipPath });
    await expect(build).rejects.toBeInstanceOf(ConfigError);
    const error = (await build.catch((e: unknown) => e)) as ConfigError;
    expect(error.issues.map((issue) => issue.split(':')[0])).toEqual([
      'MicrosoftAppId',
      'BOT_DOMAIN',
      'TEAMS_WEBSITE_URL',
      'TEAMS_PRIVACY_URL',
      'TEAMS_TERMS_URL',
    ]);
    expect(existsSync(zipPath)).toBe(false);
  });

  it('rejects invalid values with the field name (a name over 30 characters, an http URL)', async () => {
    const env = {
      ...ENV,
      BOT_NAME: 'x'.repeat(31),
      TEAMS_PRIVACY_URL: 'http://remedy.contoso.example/privacy',
    };
    await expect(buildAppPackage({ env, zipPath: path.join(dir, 'remedy.zip') })).rejects.toMatchObject({
      issues: [
        expect.stringMatching(/^BOT_NAME: expected at most 30/),
        expect.stringMatching(/^TEAMS_PRIVACY_URL: expected an https/),
      ],
    });
  });

  it('lists every configuration problem at once: invalid values and missing variables together', async () => {
    const env = {
      MicrosoftAppId: BOT_ID,
      BOT_NAME: 'x'.repeat(31),
      TEAMS_PRIVACY_URL: 'http://remedy.contoso.example/p',
    };
    const error = (await buildAppPackage({ env, zipPath: path.join(dir, 'remedy.zip') }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((issue) => issue.split(':')[0])).toEqual([
      'BOT_NAME',
      'TEAMS_PRIVACY_URL',
      'BOT_DOMAIN',
      'TEAMS_WEBSITE_URL',
      'TEAMS_TERMS_URL',
    ]);
    expect(error.issues.find((issue) => issue.startsWith('TEAMS_WEBSITE_URL'))).toMatch(
      /like https:\/\/remedy\.example\.com\)$/,
    );
  });

  it('`npm run package -- --out` writes the zip and reports it', () => {
    const out = path.join(dir, 'out', 'app.zip');
    const run = spawnSync(
      process.execPath,
      ['-r', require.resolve('tsx/cjs'), path.join(ROOT, 'scripts', 'package-app.ts'), '--out', out],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, ...ENV },
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote .*app\.zip/);
    expect(
      readZip(readFileSync(out))
        .map((e) => e.name)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });
});

describe('Teams app icons', () => {
  it('are 192×192 (colour) and 32×32 (outline) in the package', async () => {
    const { entries } = await buildAndUnzip();
    const color = PNG.sync.read(entry(entries, 'color.png'));
    const outline = PNG.sync.read(entry(entries, 'outline.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
  });

  it('the outline icon is white on a transparent background', async () => {
    const { entries } = await buildAndUnzip();
    const { data } = PNG.sync.read(entry(entries, 'outline.png'));
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) {
        transparent++;
        continue;
      }
      visible++;
      expect([data[i], data[i + 1], data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(0);
    expect(visible).toBeGreaterThan(0);
  });

  it('are what scripts/make-icons.ts draws', () => {
    const committed = (file: string) => PNG.sync.read(readFileSync(path.join(ROOT, 'manifest', file))).data;
    expect(drawColorIcon().data.equals(committed('color.png'))).toBe(true);
    expect(drawOutlineIcon().data.equals(committed('outline.png'))).toBe(true);
  });

  it('packaging refuses a coloured outline icon or a wrongly sized icon', () => {
    const outline = drawOutlineIcon();
    outline.data[0] = 0; // first pixel: red channel off, and made visible
    outline.data[3] = 255;
    expect(iconProblems('outline', PNG.sync.write(outline))).toEqual([
      'outline.png: expected white pixels only, found 1 coloured pixels',
    ]);
    const small = new PNG({ width: 96, height: 96 });
    expect(iconProblems('color', PNG.sync.write(small))).toEqual([
      'color.png: expected 192×192 pixels, got 96×96',
    ]);
    expect(iconProblems('color', Buffer.from('not a png'))[0]).toMatch(/^color\.png: not a readable PNG/);
  });

  it('a template placeholder without a value stops packaging, naming the placeholder', () => {
    const template = { id: '{{TEAMS_APP_ID}}', name: { short: '{{BOT_NICKNAME}}' } };
    expect(() => renderTemplate(template, { TEAMS_APP_ID: BOT_ID })).toThrow(AppPackageError);
    expect(() => renderTemplate(template, { TEAMS_APP_ID: BOT_ID })).toThrow(
      /template: no value for \{\{BOT_NICKNAME\}\}/,
    );
    expect(renderTemplate(template, { TEAMS_APP_ID: BOT_ID, BOT_NICKNAME: 'R "1"' })).toEqual({
      id: BOT_ID,
      name: { short: 'R "1"' },
    });
  });
});
