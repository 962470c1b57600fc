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

describe('the SMS gateway', () => {
  const secrets = { JWT_SECRET: 'x'.repeat(40), DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, INDEX_KEY: Buffer.alloc(32, 2).toString('base64') };
  const wechat = { WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_APPID: 'wx1234567890abcdef', WECHAT_SECRET: 'f'.repeat(32) };

  it('defaults to the loopback stand-in outside production', () => {
    const c = loadConfig({ ...secrets, DATA_DIR: '/tmp/wbt-defaults' });
    expect(c.sms.baseUrl).toBe('http://127.0.0.1:3902');
  });

  it('refuses the stand-in in production, unset or on a loopback address', () => {
    expect(() => loadConfig({ ...secrets, APP_MODE: 'production', SMS_API_KEY: 'k' })).toThrow(/SMS_API_BASE/);
    for (const base of ['http://127.0.0.1:3902', 'http://localhost:9000', 'http://[::1]:3902']) {
      expect(() => loadConfig({ ...secrets, APP_MODE: 'production', SMS_API_BASE: base, SMS_API_KEY: 'k' })).toThrow(/SMS_API_BASE/);
    }
  });

  it('needs the gateway key in production, and then starts', () => {
    expect(() => loadConfig({ ...secrets, APP_MODE: 'production', SMS_API_BASE: 'https://sms.example.org' })).toThrow(/SMS_API_KEY/);
    const c = loadConfig({ ...secrets, ...wechat, APP_MODE: 'production', SMS_API_BASE: 'https://sms.example.org', SMS_API_KEY: 'live-key' });
    expect(c.sms).toEqual({ baseUrl: 'https://sms.example.org', apiKey: 'live-key' });
  });
});

describe('TRUST_PROXY', () => {
  it('takes a number of trusted proxy hops (true/false as 1/0) and names a bad value', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wbt-cfg-'));
    try {
      expect(loadConfig({ DATA_DIR: dir }).trustProxy).toBe(0);
      expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: '2' }).trustProxy).toBe(2);
      expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'true' }).trustProxy).toBe(1);
      expect(loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'false' }).trustProxy).toBe(0);
      expect(() => loadConfig({ DATA_DIR: dir, TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
