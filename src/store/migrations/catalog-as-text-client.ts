import pg from 'pg';

// The schema engine reads pg_catalog columns ("char", int2vector, regproc, …) that adapter-pg
// refuses to map (prisma/prisma#27403). Relabelling them text / text[] is all the engine needs;
// only the migration pools use this client, never the application.
const CATALOG_SCALAR_OIDS = new Set([18, 19, 22, 24, 30, 194, 2205]);
const CATALOG_ARRAY_OIDS = new Set([1002, 1003, 1006, 1008, 1013]);
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const parseTextArray = pg.types.getTypeParser(
  TEXT_ARRAY_OID as Parameters<typeof pg.types.getTypeParser>[0],
  'text',
) as (value: string) => string[];

function reportCatalogTypesAsText<R>(result: R): R {
  for (const { fields, rows } of (Array.isArray(result) ? result : [result]) as Partial<
    pg.QueryResult<Record<string | number, unknown>>
  >[]) {
    fields?.forEach((field, i) => {
      if (CATALOG_SCALAR_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      if (!CATALOG_ARRAY_OIDS.has(field.dataTypeID)) return;
      field.dataTypeID = TEXT_ARRAY_OID;
      for (const row of rows ?? []) {
        const key = Array.isArray(row) ? i : field.name; // rowMode 'array' (the adapter's) or objects
        if (typeof row[key] === 'string') row[key] = parseTextArray(row[key]);
      }
    });
  }
  return result;
}

/** A pg client whose results show catalog columns as text, for the schema engine's pools only. */
export class CatalogAsTextClient extends pg.Client {
  // pg's query() has many overloads (promise or callback); pass everything through untouched.
  /* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
  override query(config: any, values?: any, callback?: any): any {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    if (typeof callback === 'function') {
      return super.query(config, values, (error: Error | null, result: unknown) =>
        callback(error, error ? result : reportCatalogTypesAsText(result)),
      );
    }
    const pending: any = super.query(config, values);
    return typeof pending?.then === 'function' ? pending.then(reportCatalogTypesAsText) : pending;
  }
  /* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
}
