import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The rules under test read syntax only; the snippets are not files the type checker can open.
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the domain and the conversation import no SDK', () => {
  it.each([
    ['src/domain/example.ts', "import { Queue } from 'bullmq';"],
    ['src/domain/example.ts', "import { Bot } from 'grammy';"],
    ['src/conversation/example.ts', "import { PrismaClient } from '@prisma/client';"],
    ['src/conversation/example.ts', "import WhatsAppAPI from 'whatsapp-api-js';"],
    ['src/conversation/example.ts', "import Redis from 'ioredis';"],
    ['src/conversation/example.ts', "import Fastify from 'fastify';"],
    ['src/conversation/example.ts', "import { createDatabase } from '../store/database.ts';"],
  ])('%s: %s is refused', async (file, code) => {
    const messages = await lint(file, `${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)?.[1]}];\n`);
    expect(messages.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('allows the same import elsewhere, and pure libraries in the domain', async () => {
    expect(
      await lint('src/jobs/example.ts', "import { Queue } from 'bullmq';\nexport const used = [Queue];\n"),
    ).toEqual([]);
    expect(
      await lint('src/domain/example.ts', "import { DateTime } from 'luxon';\nexport const used = [DateTime];\n"),
    ).toEqual([]);
  });
});
