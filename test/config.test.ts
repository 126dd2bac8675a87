import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('runs on its defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/compagnon',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      DEFAULT_LOCALE: 'fr',
      LOG_LEVEL: 'info',
    });
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: '  ' });
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBeUndefined();
  });

  it('names each bad variable and what is wrong with it, in one message', () => {
    const message = problems({ PORT: 'eighty', REDIS_URL: 'http://localhost', DEFAULT_LOCALE: 'de' });
    expect(message).toContain('PORT must be a whole number (got "eighty")');
    expect(message).toContain('REDIS_URL must start with redis:// or rediss://');
    expect(message).toContain('DEFAULT_LOCALE must be one of fr, en (got "de")');
  });

  it('does not print a password found in a bad URL', () => {
    const message = problems({ DATABASE_URL: 'mysql://app:s3cret@db/compagnon' });
    expect(message).toContain('DATABASE_URL must start with postgresql://');
    expect(message).not.toContain('s3cret');
  });

  it('refuses a port out of range and an unknown log level', () => {
    expect(problems({ PORT: '70000' })).toContain('PORT must be between 1 and 65535');
    expect(problems({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of');
  });

  it('normalises the WhatsApp business number used in links', () => {
    expect(loadConfig({ WHATSAPP_BUSINESS_NUMBER: '+225 07 08 09 10 11' }).WHATSAPP_BUSINESS_NUMBER).toBe('2250708091011');
  });

  it('has every variable documented in .env.example', () => {
    const documented = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const names = Object.keys(loadConfig({}) as object).concat(['PUBLIC_URL', 'TELEGRAM_BOT_USERNAME', 'WHATSAPP_BUSINESS_NUMBER']);
    for (const name of names) expect(documented, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
