import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { CatalogAsTextClient } from './catalog-as-text-client.ts';
import type { DatabaseTarget as Target } from './parse-database-url.ts';
import { adminQuery, clientConfig, quoteIdent } from './query-database.ts';

/**
 * The driver adapter factory handed to the engine. It makes shadow databases itself because
 * adapter-pg 7.10's connectToShadowDb drops the database before closing the pool connected to
 * it (so DROP waits 5 s, then fails) and never closes its admin pool.
 */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly target: Target) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.track(this.target.database);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = `prisma_migrate_shadow_db_${randomUUID()}`;
    await adminQuery(this.target, `CREATE DATABASE ${quoteIdent(shadow)}`).catch((error: Error) => {
      throw new Error(
        `cannot create a shadow database to replay the migrations in (user "${this.target.user}" ` +
          `needs CREATEDB): ${error.message}`,
        { cause: error },
      );
    });
    return this.track(
      shadow,
      async () => void (await adminQuery(this.target, `DROP DATABASE IF EXISTS ${quoteIdent(shadow)}`)),
    );
  }

  /** The engine does not dispose everything it opened, and idle pools hold the process ~10 s. */
  async disposeAll(): Promise<void> {
    await Promise.allSettled([...this.open].map((adapter) => adapter.dispose()));
  }

  private async track(database: string, afterClose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const options = this.target.schema ? { schema: this.target.schema } : undefined;
    const adapter = await new PrismaPg(
      { ...clientConfig(this.target, database), Client: CatalogAsTextClient },
      options,
    ).connect();
    const close = adapter.dispose.bind(adapter);
    let closing: Promise<void> | undefined;
    adapter.dispose = () => {
      this.open.delete(adapter);
      closing ??= close().then(afterClose);
      return closing;
    };
    this.open.add(adapter);
    return adapter;
  }
}
