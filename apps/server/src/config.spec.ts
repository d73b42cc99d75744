import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      environment: 'development',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      redisUrl: null,
      embeddedPostgresPort: 54_329,
      seedDemoData: true,
    });
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgres://keel@db:5432/keel',
      REDIS_URL: 'redis://cache:6379',
      KEEL_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });

    expect(config).toMatchObject({
      environment: 'production',
      port: 8080,
      databaseUrl: 'postgres://keel@db:5432/keel',
      redisUrl: 'redis://cache:6379',
      seedDemoData: false,
      logLevel: 'warn',
    });
  });

  it('lists every problem at once, without echoing a URL that may hold a password', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/keel',
        REDIS_URL: 'not a url',
        KEEL_DEMO_DATA: 'maybe',
        LOG_LEVEL: 'loud',
      });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must start with postgres: or postgresql:/);
    expect(problems.join('\n')).toMatch(/REDIS_URL is not a valid URL/);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
