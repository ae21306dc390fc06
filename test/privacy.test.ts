import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveUserHashSalt, SALT_FILE } from '../../src/server/user-hash-salt';

describe('resolveUserHashSalt', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'remedy-salt-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a salt once, keeps it private in DATA_DIR, and reuses it after a restart', () => {
    const dataDir = path.join(dir, 'data');
    const first = resolveUserHashSalt({ dataDir });
    expect(first.source).toBe('generated');
    expect(first.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path.join(dataDir, SALT_FILE)).mode & 0o777).toBe(0o600);
    const second = resolveUserHashSalt({ dataDir });
    expect(second).toMatchObject({ source: 'file', salt: first.salt });
  });

  it('uses USER_HASH_SALT when configured and writes nothing', () => {
    expect(resolveUserHashSalt({ configured: 'configured-salt-123456', dataDir: dir })).toEqual({
      salt: 'configured-salt-123456',
      source: 'config',
    });
    expect(() => readFileSync(path.join(dir, SALT_FILE))).toThrow(/ENOENT/);
  });

  it('refuses a salt file that was truncated', () => {
    writeFileSync(path.join(dir, SALT_FILE), 'short\n');
    expect(() => resolveUserHashSalt({ dataDir: dir })).toThrow(/at least 16 characters/);
  });
});
