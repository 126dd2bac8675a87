import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig, simulatorEnabled } from '../../src/config.ts';

interface ComposeService {
  env_file?: (string | { path: string; required?: boolean })[];
  environment?: Record<string, string>;
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const app = compose.services.app!;

describe('docker-compose.yml', () => {
  it("hands .env to the app, so that the platforms' tokens and secrets reach it, and runs without one", () => {
    expect(app.env_file).toEqual([{ path: '.env', required: false }]);
  });

  it('points the app at its own PostgreSQL, Redis and media volume, whatever .env says', () => {
    const environment = app.environment ?? {};
    expect(new URL(environment.DATABASE_URL!).host).toBe('postgres:5432');
    expect(new URL(environment.REDIS_URL!).host).toBe('redis:6379');
    expect(environment).toMatchObject({
      HOST: '0.0.0.0',
      PORT: '3000',
      NODE_ENV: 'production',
      MEDIA_DIR: '/app/media',
    });
    for (const name of Object.keys(environment)) expect(CONFIG_VARIABLES, name).toContain(name);
    // Set explicitly, a platform variable would hide the one in .env.
    for (const name of Object.keys(environment))
      expect(name).not.toMatch(/^(TELEGRAM|WHATSAPP|PUBLIC_URL|METRICS|SIMULATOR)/);
  });

  it('runs the simulator only when .env sets SIMULATOR=on and SIMULATOR_KEY, as its comment and the README say', () => {
    const environment = app.environment ?? {};
    expect(simulatorEnabled(loadConfig({ ...environment }))).toBe(false);
    expect(() => loadConfig({ ...environment, SIMULATOR: 'on' })).toThrow(/SIMULATOR_KEY/);
    expect(
      simulatorEnabled(loadConfig({ ...environment, SIMULATOR: 'on', SIMULATOR_KEY: 'a-key-of-our-own-0123456789' })),
    ).toBe(true);
    expect(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')).toContain(
      'the simulator is off unless .env sets',
    );
  });
});
