import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/store/migrations.ts';

/**
 * Migrates the test template database once per run. Each test file then clones it
 * (CREATE DATABASE … TEMPLATE), which is fast and keeps files isolated from each other.
 */
export default async function setup(project: TestProject): Promise<void> {
  const templateUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/compagnon_test';
  await applyMigrations({ databaseUrl: templateUrl });
  project.provide('templateDatabaseUrl', templateUrl);
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}
