import { RuntimeConfig } from './runtime-config';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults in embedded mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.embedded).toBe(true);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: ' ', PORT: undefined });
    expect(config.embedded).toBe(true);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads a real-database configuration', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://ritmo@db:5432/ritmo',
      JWT_SECRET: 'x'.repeat(40),
      CORS_ORIGINS: 'https://ritmo.unione.example, http://localhost:5173',
      PORT: '8080',
    });
    expect(config.embedded).toBe(false);
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['https://ritmo.unione.example', 'http://localhost:5173']);
  });

  it('lists every problem at once, one line per problem', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        DATABASE_URL: 'mysql://x',
        JWT_SECRET: 'short',
        LOG_LEVEL: 'verbose',
        REDIS_URL: 'http://redis',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be an integer between 0 and 65535',
        'DATABASE_URL must be a postgres:// or postgresql:// URL',
        'JWT_SECRET must be at least 32 characters long',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'REDIS_URL must be a redis:// or rediss:// URL',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('reads TRUST_PROXY as off, a hop count or proxy addresses, and refuses "true"', () => {
    const of = (value?: string) =>
      RuntimeConfig.of(loadConfig({ TRUST_PROXY: value }), 'postgres://x/y', 'x'.repeat(32))
        .trustProxy;
    expect(of(undefined)).toBe(false);
    expect(of('1')).toBe(1);
    expect(of('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(of('loopback')).toEqual(['loopback']);
    for (const bad of ['true', '*', 'nginx'])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be false/);
  });

  it('checks REDIS_PREFIX and WEBHOOK_TIMEOUT_MS', () => {
    expect(loadConfig({ REDIS_PREFIX: 'ritmo-staging:' }).REDIS_PREFIX).toBe('ritmo-staging:');
    expect(loadConfig({}).WEBHOOK_TIMEOUT_MS).toBe(10_000);
    expect(() => loadConfig({ REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX must be/);
    expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: '5' })).toThrow(/WEBHOOK_TIMEOUT_MS must be/);
  });

  it('requires JWT_SECRET when DATABASE_URL is set', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/ritmo' })).toThrow(
      /JWT_SECRET is required when DATABASE_URL is set/,
    );
  });
});
