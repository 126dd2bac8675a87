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

const ONE_DOOR = /src\/store is the only door to PostgreSQL/;

describe('src/store is the only door to PostgreSQL', () => {
  it.each([
    [
      'src/jobs/example.ts',
      "import { PrismaClient } from '../store/generated/client.ts';\nexport const used = PrismaClient;",
    ],
    ['src/admin/example.ts', "import { Prisma } from '@prisma/client';\nexport const used = Prisma;"],
    ['src/http/example.ts', "import pg from 'pg';\nexport const used = pg;"],
    [
      'src/jobs/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database) => db.$queryRaw`SELECT 1`;',
    ],
    [
      'src/admin/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database) => db.$executeRaw`DELETE FROM "Person"`;',
    ],
    [
      'src/cli/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database) => db.$transaction(async () => {});',
    ],
    [
      'src/jobs/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database) => db.person.findMany();',
    ],
    [
      'src/admin/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database) => db.person.update({ where: { id: "x" }, data: {} });',
    ],
    [
      'src/channels/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (tx: Database) => tx.outboundMessage.count();',
    ],
    [
      'src/admin/example.ts',
      'import type { Database } from "../store/database.ts";\nexport const f = (deps: { db: Database }) => deps.db.person.delete({ where: { id: "x" } });',
    ],
  ])('%s: a query outside the store is refused (%#)', async (file, code) => {
    expect((await lint(file, `${code}\n`)).join('\n')).toMatch(ONE_DOOR);
  });

  it('allows the same code in the store, and the Database type passed along elsewhere', async () => {
    const query =
      'import type { Database } from "./database.ts";\nexport const f = (db: Database) => db.person.findMany();\n';
    expect(await lint('src/store/example.ts', query)).toEqual([]);
    const passed =
      'import type { Database } from "../store/database.ts";\nexport const f = (db: Database, g: (db: Database) => void) => g(db);\n';
    expect(await lint('src/jobs/example.ts', passed)).toEqual([]);
    expect(
      await lint(
        'src/jobs/example.ts',
        'const seen = new Map<string, number>();\nseen.delete("a");\nexport const used = seen;\n',
      ),
    ).toEqual([]);
  });
});
