/** The server and database a migration command works on. */
export interface DatabaseTarget {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  schema?: string;
}

/** Reads DATABASE_URL, with the defaults psql would use. */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = URL.canParse(databaseUrl) ? new URL(databaseUrl) : undefined;
  const database = decodeURIComponent(url?.pathname.slice(1) ?? '');
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !database) {
    throw new Error('DATABASE_URL must look like postgresql://user:password@host:port/database');
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || 'localhost',
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    password,
    database,
    schema: url.searchParams.get('schema') ?? undefined,
  };
}
