import { defineConfig } from 'prisma/config';

// Used by the ordinary Prisma CLI (generate, and migrate on machines that can reach
// Prisma's binary host). `npm run db:migrate` does not need it: see scripts/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon',
  },
});
