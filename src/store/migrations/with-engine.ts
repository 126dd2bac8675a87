import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { engineError } from './engine-error.ts';
import { MigrationAdapterFactory } from './migration-adapter-factory.ts';
import type { MigrationOptions } from './migration-options.ts';
import type { MigrationJob as Job } from './prepare-migration-job.ts';
import { queryDatabase } from './query-database.ts';

/** No tables or enums outside the schema's own to leave alone. */
export const noFilters = { externalTables: [], externalEnums: [] };

// Neither lib ES2023 nor @types/node 20 declare the WebAssembly global; this is the part we use.
const webAssembly = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;
let engineReady: Promise<void> | undefined;

/** Node 20 cannot import .wasm modules, so instantiate the engine by hand, once per process. */
function loadEngine(): Promise<void> {
  engineReady ??= (async () => {
    const bindings = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasm = await readFile(path.join(path.dirname(bindings), 'schema_engine_bg.wasm'));
    const imports: Record<string, unknown> = { ...engineBindings };
    // The engine arms a 10 s timer (an advisory-lock timeout) that it never clears and that would
    // keep callers alive 10 s longer. Unref it; withEngine keeps the process alive while it works.
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms).unref();
    }
    const { instance } = await webAssembly.instantiate(wasm, { './schema_engine_bg.js': imports });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return engineReady;
}

/** Runs fn with a fresh engine on job's database; apply() applies the pending migrations. */
export async function withEngine<T>(
  what: string,
  job: Job,
  options: MigrationOptions,
  fn: (session: { engine: SchemaEngine; apply: () => Promise<string[]> }) => Promise<T>,
): Promise<T> {
  await loadEngine();
  // The engine's own connection errors are vaguer ("denied access on the database `(not available)`").
  await queryDatabase(job.target, job.target.database, 'SELECT 1');
  const factory = new MigrationAdapterFactory(job.target);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const keepAlive = setInterval(() => {}, 60_000);
  let engine: SchemaEngine | undefined;
  let applying: string | undefined; // the engine's errors do not say which migration failed; its logs do
  const onEngineLog = (line: string): void => {
    let entry: { level?: string; fields?: { message?: string } } = {};
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      /* not JSON: nothing to report */
    }
    const message = entry.fields?.message ?? '';
    applying = /^Applying `(.+)`$/.exec(message)?.[1] ?? applying;
    if (entry.level === 'WARN' || entry.level === 'ERROR') options.log?.(`schema engine ${entry.level}: ${message}`);
  };
  try {
    engine = await engineBindings.SchemaEngine.new(
      { datamodels: [[job.schema.path, job.schema.content]] },
      onEngineLog,
      bound,
    );
    const started = engine;
    const apply = async (): Promise<string[]> => {
      const { appliedMigrationNames } = await started.applyMigrations({
        migrationsList: job.migrationsList,
        filters: noFilters,
      });
      applying = undefined;
      return appliedMigrationNames;
    };
    return await fn({ engine, apply });
  } catch (error) {
    throw engineError(applying ? `Applying migration ${applying}` : what, job.target, error, bound.errorRegistry);
  } finally {
    engine?.free();
    await factory.disposeAll();
    clearInterval(keepAlive);
  }
}
