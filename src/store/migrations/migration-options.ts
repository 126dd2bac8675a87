/** What every migration command takes. */
export interface MigrationOptions {
  /** postgresql://user:password@host:port/database[?schema=name] */
  databaseUrl: string;
  /** Defaults to this project's prisma/migrations, whatever the working directory. */
  migrationsDir?: string;
  /** Defaults to this project's prisma/schema.prisma. */
  schemaPath?: string;
  log?: (line: string) => void;
}
