import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/src/config';

describe('configuration', () => {
  it('stops a production start-up without secrets, naming them', () => {
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ APP_MODE: 'production' })).toThrow(/JWT_SECRET, DATA_KEYS, INDEX_KEY/);
  });

  it('generates demo secrets once and keeps them across restarts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wbt-cfg-'));
    try {
      const a = loadConfig({ DATA_DIR: dir });
      const b = loadConfig({ DATA_DIR: dir });
      expect(a.mode).toBe('demo');
      expect(a.jwtSecret).toBe(b.jwtSecret);
      expect(a.dataKeys[0].key.equals(b.dataKeys[0].key)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DATA_DIR: '/tmp' })).toThrow(/PORT/);
    expect(() => loadConfig({ APP_MODE: 'production', JWT_SECRET: 'x'.repeat(40), DATA_KEYS: 'k1:short', INDEX_KEY: Buffer.alloc(32).toString('base64') })).toThrow(/DATA_KEYS/);
  });

  it('uses working local defaults', () => {
    const c = loadConfig({ DATA_DIR: '/tmp/wbt-defaults' });
    expect(c.databaseUrl).toBe('mysql://root@127.0.0.1:3306/weibaotong');
    expect(c.port).toBe(3000);
  });
});
