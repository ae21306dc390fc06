import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, ENV_VARIABLES, loadConfig, redactConfig } from '../src/config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const APP = '99999999-8888-7777-6666-555555555555';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('runs in local mode with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local');
    expect(config.credentials).toBeUndefined();
    expect(config.port).toBe(3978);
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.playground.enabled).toBe(true);
    expect(config.outbound.perThreadPerSecond).toBe(7);
  });

  it('reads a single-tenant registration as authenticated mode', () => {
    const config = loadConfig({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: TENANT,
      PORT: '8080',
    });
    expect(config.mode).toBe('authenticated');
    expect(config.credentials).toEqual({
      appId: APP,
      appPassword: 'secret',
      appType: 'SingleTenant',
      tenantId: TENANT,
    });
    expect(config.port).toBe(8080);
    expect(config.playground.enabled).toBe(false);
    expect(config.teams.appId).toBe(APP);
  });

  it('accepts a user-assigned managed identity without a password, and a legacy multi-tenant registration', () => {
    expect(
      loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT })
        .credentials?.appType,
    ).toBe('UserAssignedMSI');
    expect(
      loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'multitenant', MicrosoftAppPassword: 'x' })
        .credentials?.appType,
    ).toBe('MultiTenant');
  });

  it('treats empty values as unset (as a copied .env.example leaves them)', () => {
    const config = loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: ' ', PORT: '', DATABASE_URL: '' });
    expect(config.mode).toBe('local');
    expect(config.port).toBe(3978);
  });

  it('reports every invalid field, one line each, naming the field and what was expected', () => {
    const issues = issuesOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      MicrosoftAppType: 'Whatever',
      MATCH_CONFIDENT_THRESHOLD: '1.5',
      PLAYGROUND: 'maybe',
      MicrosoftAppId: 'not-a-guid',
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'PORT: expected an integer from 0 to 65535, got "eighty"',
        expect.stringMatching(
          /^LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"$/,
        ),
        expect.stringMatching(/^DATABASE_URL: expected a PostgreSQL URL/),
        expect.stringMatching(
          /^MicrosoftAppType: expected one of SingleTenant, MultiTenant, UserAssignedMSI/,
        ),
        'MATCH_CONFIDENT_THRESHOLD: expected a number from 0 to 1, got "1.5"',
        'PLAYGROUND: expected true or false, got "maybe"',
        expect.stringMatching(/^MicrosoftAppId: expected a GUID/),
      ]),
    );
    expect(issues).toHaveLength(7);
  });

  it('puts all issues in the error message, one per line', () => {
    expect(() => loadConfig({ PORT: '70000', RETENTION_DAYS: '-1' })).toThrow(
      /PORT: expected an integer from 0 to 65535, got "70000"\n\s+RETENTION_DAYS: expected an integer/,
    );
  });

  it('requires the tenant id for SingleTenant (the default type) and the password for a secret-based registration', () => {
    expect(issuesOf({ MicrosoftAppId: APP })).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword: required for MicrosoftAppType=SingleTenant/),
      expect.stringMatching(/^MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant/),
    ]);
  });

  it('rejects a password for a managed identity and requires its tenant', () => {
    expect(
      issuesOf({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'x' }),
    ).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword: must not be set for MicrosoftAppType=UserAssignedMSI/),
      expect.stringMatching(/^MicrosoftAppTenantId: required for MicrosoftAppType=UserAssignedMSI/),
    ]);
  });

  it('refuses to start in production without credentials (local mode is for development only)', () => {
    expect(issuesOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^MicrosoftAppId: required when NODE_ENV=production/),
    ]);
  });

  it('requires a shared user-hash salt in production and refuses the playground outside local mode', () => {
    const env = {
      NODE_ENV: 'production',
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'p',
      MicrosoftAppTenantId: TENANT,
      PLAYGROUND: 'true',
    };
    expect(issuesOf(env)).toEqual([
      expect.stringMatching(/^USER_HASH_SALT: required when NODE_ENV=production/),
      expect.stringMatching(/^PLAYGROUND: /),
    ]);
    expect(loadConfig({ ...env, PLAYGROUND: 'false', USER_HASH_SALT: 'a'.repeat(32) }).mode).toBe(
      'authenticated',
    );
  });

  it('checks that the matching thresholds are ordered', () => {
    expect(issuesOf({ MATCH_CONFIDENT_THRESHOLD: '0.4', MATCH_AMBIGUOUS_THRESHOLD: '0.5' })).toEqual([
      expect.stringMatching(/^MATCH_AMBIGUOUS_THRESHOLD: expected at most MATCH_CONFIDENT_THRESHOLD/),
    ]);
    expect(loadConfig({ MATCH_CONFIDENT_THRESHOLD: '0.7' }).matching).toEqual({ confident: 0.7 });
  });

  it('listens on loopback in local mode unless HOST is set, on all interfaces with credentials', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', hostExplicit: false });
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', hostExplicit: true });
    const authenticated = { MicrosoftAppId: APP, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: TENANT };
    expect(loadConfig(authenticated).host).toBe('0.0.0.0');
    expect(issuesOf({ HOST: 'http://x/' })).toEqual([
      expect.stringMatching(/^HOST: expected an IP address or host name/),
    ]);
  });

  it('defaults the catalogue to the package copy and the log format to auto', () => {
    const config = loadConfig({});
    expect(config.catalogPath).toBe(path.resolve(__dirname, '..', 'knowledge', 'catalogue.json'));
    expect(config.logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'Pretty', CATALOGUE_PATH: 'x.json' })).toMatchObject({
      logFormat: 'pretty',
      catalogPath: 'x.json',
    });
  });

  it('never repeats a secret value in an error', () => {
    const issues = issuesOf({
      DATABASE_URL: 'mysql://remedy:hunter2@db/remedy',
      USER_HASH_SALT: 'short-secret',
    });
    expect(issues).toHaveLength(2);
    expect(issues.join('\n')).not.toMatch(/hunter2|short-secret/);
  });

  it('never shows secrets in the loggable copy', () => {
    const config = loadConfig({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 'super-secret-value',
      MicrosoftAppTenantId: TENANT,
      USER_HASH_SALT: 'salt-salt-salt-salt-salt',
      DATABASE_URL: 'postgres://remedy:db-password@db:5432/remedy',
    });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toMatch(/super-secret-value|db-password|salt-salt/);
    expect(text).toContain('postgres://remedy:[redacted]@db:5432/remedy');
  });

  it('has every variable documented in .env.example and in the settings table of docs/configuration.md', () => {
    const root = path.resolve(__dirname, '..');
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const docs = readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
    const table = docs.slice(docs.indexOf('## Settings'), docs.indexOf('## Start-up order'));
    for (const name of ENV_VARIABLES) {
      expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(table).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
    }
  });
});
