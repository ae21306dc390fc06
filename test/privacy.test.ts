import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashUserId, legacyUserHash, resolveUserHashSalt, SALT_FILE } from '../src/privacy';

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

describe('hashUserId', () => {
  it('is a keyed HMAC-SHA256: stable for one key, different for another, never the id itself', () => {
    const key = 'k'.repeat(32);
    expect(hashUserId(key, '29:alice')).toBe(createHmac('sha256', key).update('29:alice').digest('hex'));
    expect(hashUserId(key, '29:alice')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashUserId(key, '29:alice')).not.toBe(hashUserId('other-key-other-key', '29:alice'));
    expect(hashUserId(key, '29:alice')).not.toBe(hashUserId(key, '29:bob'));
  });

  it('differs from the salted SHA-256 of records written before the change, which stays computable', () => {
    const key = 'k'.repeat(32);
    expect(legacyUserHash(key, '29:alice')).toBe(
      createHash('sha256').update(key).update('\u0000').update('29:alice').digest('hex'),
    );
    expect(legacyUserHash(key, '29:alice')).not.toBe(hashUserId(key, '29:alice'));
  });
});
