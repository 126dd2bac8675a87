import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, simulatorEnabled } from '../src/config.ts';

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

  it('names a bad credential and what is wrong with it, without printing it', () => {
    const message = problems({
      TELEGRAM_BOT_TOKEN: '123456:AAH-bot token with spaces',
      TELEGRAM_WEBHOOK_SECRET: 'webhook secret with spaces!',
      WHATSAPP_ACCESS_TOKEN: 'EAAG-access',
      WHATSAPP_PHONE_NUMBER_ID: 'not-a-number',
      WHATSAPP_APP_SECRET: 'app-secret',
      WHATSAPP_VERIFY_TOKEN: 'verify-token',
    });
    expect(message).toContain('TELEGRAM_BOT_TOKEN must be a bot token as given by @BotFather');
    expect(message).toContain('TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z a-z 0-9 _ -');
    expect(message).toContain('WHATSAPP_PHONE_NUMBER_ID must be the numeric phone number id (got "not-a-number")');
    for (const secret of ['AAH-bot token', 'webhook secret', 'EAAG-access', 'app-secret', 'verify-token'])
      expect(message).not.toContain(secret);
  });

  it('does not print a URL it cannot read, as its password cannot be told apart', () => {
    const message = problems({ REDIS_URL: 'redis://default:pa ss word@redis host:6379' });
    expect(message).toContain('REDIS_URL is not a valid URL');
    expect(message).not.toContain('pa ss word');
  });

  it('refuses a port out of range and an unknown log level', () => {
    expect(problems({ PORT: '70000' })).toContain('PORT must be between 1 and 65535');
    expect(problems({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of');
  });

  it('normalises the WhatsApp business number used in links', () => {
    expect(loadConfig({ WHATSAPP_BUSINESS_NUMBER: '+225 07 08 09 10 11' }).WHATSAPP_BUSINESS_NUMBER).toBe(
      '2250708091011',
    );
  });

  it('asks for the whole WhatsApp configuration once any of it is given', () => {
    const message = problems({ WHATSAPP_ACCESS_TOKEN: 'token', WHATSAPP_PHONE_NUMBER_ID: '1234' });
    expect(message).toContain(
      'WHATSAPP_APP_SECRET is required when WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID are set',
    );
    expect(message).toContain('WHATSAPP_VERIFY_TOKEN is required');
  });

  it('needs a webhook secret for Telegram in webhook mode, not in polling mode', () => {
    expect(problems({ TELEGRAM_BOT_TOKEN: '123:abc' })).toContain(
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook',
    );
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_MODE: 'polling' }).TELEGRAM_MODE).toBe('polling');
  });

  it('runs the simulator when no platform is configured, and not in production unless asked', () => {
    expect(simulatorEnabled(loadConfig({}))).toBe(true);
    expect(simulatorEnabled(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_MODE: 'polling' }))).toBe(false);
    expect(simulatorEnabled(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
    expect(
      simulatorEnabled(loadConfig({ NODE_ENV: 'production', SIMULATOR: 'on', SIMULATOR_KEY: 'k'.repeat(32) })),
    ).toBe(true);
  });

  it('refuses the simulator in production without a key of its own, and never repeats a bad key', () => {
    expect(problems({ NODE_ENV: 'production', SIMULATOR: 'on' })).toContain(
      'SIMULATOR_KEY is required when SIMULATOR is on in production (or set SIMULATOR=off)',
    );
    const key = 'k'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', SIMULATOR: 'on', SIMULATOR_KEY: key }).SIMULATOR_KEY).toBe(key);
    expect(loadConfig({ NODE_ENV: 'production', SIMULATOR: 'off' }).SIMULATOR_KEY).toBeUndefined();
    const short = problems({ SIMULATOR_KEY: 'hunter2' });
    expect(short).toContain('SIMULATOR_KEY must be 24 to 256 characters of A-Z a-z 0-9 _ -');
    expect(short).not.toContain('hunter2');
  });

  it('has every variable documented in .env.example and the README', () => {
    const documented = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(documented, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of CONFIG_VARIABLES) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
