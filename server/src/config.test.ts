import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', basemap: 'none', publicRead: true, sessionHours: 12, tileCacheMb: 256 });
    expect(c.dbFile).toBe(path.join(c.dataDir, 'qingbo.sqlite'));
  });

  it('reads the environment', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/tmp/qb', PUBLIC_READ: 'false', BASEMAP: 'osm' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/tmp/qb', dbFile: '/tmp/qb/qingbo.sqlite', publicRead: false, basemap: 'osm' });
  });

  it('runs one process by default, several only on PostgreSQL', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '4', DATABASE_URL: 'postgres://qingbo@db.example:5432/qingbo' }).workers).toBe(4);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    [{ PUBLIC_READ: 'maybe' }, /PUBLIC_READ="maybe"/],
    [{ BASEMAP: 'tianditu-vec' }, /TIANDITU_KEY.*needs TIANDITU_KEY/],
    [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL/],
    [{ WORKERS: '0' }, /WORKERS="0"/],
    [{ WORKERS: '65' }, /WORKERS="65"/],
    [{ WORKERS: '2' }, /WORKERS="2": more than one server process needs DATABASE_URL/],
  ])('refuses %o with a message naming the variable', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });
});

describe('WEBHOOK_HOSTS', () => {
  it('defaults to the three robot services and takes a comma-separated list of host[:port], refusing anything else', () => {
    expect(loadConfig({}).webhookHosts).toEqual(['qyapi.weixin.qq.com', 'oapi.dingtalk.com', 'open.feishu.cn']);
    expect(loadConfig({ WEBHOOK_HOSTS: ' Hooks.Example.cn:8443 , 127.0.0.1:9000,[::1]:8080' }).webhookHosts).toEqual(['hooks.example.cn:8443', '127.0.0.1:9000', '[::1]:8080']);
    expect(loadConfig({ WEBHOOK_HOSTS: '' }).webhookHosts).toEqual([]);
    expect(() => loadConfig({ WEBHOOK_HOSTS: 'https://oapi.dingtalk.com/robot' })).toThrow(/WEBHOOK_HOSTS=.*not host\[:port\]: https:\/\/oapi\.dingtalk\.com\/robot/);
  });
});
