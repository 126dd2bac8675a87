/**
 * Why a statement failed, as far as what to do next is concerned: PostgreSQL (or the way to it)
 * is away, two transactions got in each other's way, the data itself was refused, or something
 * else went wrong that may well pass (a timeout, a lock not available, a server gone read-only, an
 * internal error, an error that is not PostgreSQL's): only `data` would fail again with the same values.
 * SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
type DatabaseFailure = 'unreachable' | 'conflict' | 'data' | 'transient';

/** Socket errors on the way to PostgreSQL. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres says when the connection goes or never comes (these errors carry no code). */
const LOST_CONNECTION =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|client has encountered a connection error|Connection ended|terminating connection|can't reach database server|pool after calling end/i;

/** Prisma's driver-adapter error kinds that mean the server is away. */
const UNREACHABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);

/**
 * `unreachable`: connection exceptions (08), an operator or crash shutdown (57P01–57P03), too
 * many connections or no disk left (53), a system error (58), socket errors and lost
 * connections. `conflict`: a deadlock (40P01) or a serialization failure (40001), worth trying
 * again at once. `data`: a data exception (22), an integrity constraint violation (23), a
 * program limit exceeded such as an index row too large (54), or a datatype mismatch (42804):
 * the statement would fail again with the same values. Anything else is `transient`: a statement
 * timeout (57014), a lock not available (55P03), a read-only transaction after a failover
 * (25006), an internal error (XX000), an error without a SQLSTATE; never a reason to drop an event.
 */
export function classifyDatabaseError(error: unknown): DatabaseFailure {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = sqlState(current);
    if (UNREACHABLE_KINDS.has(adapterErrorKind(current) ?? '')) return 'unreachable';
    if (typeof code === 'string') {
      if (code === '40P01' || code === '40001') return 'conflict';
      if (SOCKET_ERRORS.has(code) || /^(08|53|58)/.test(code) || /^57P0[123]$/.test(code)) return 'unreachable';
      if (DATA_ERROR.test(code)) return 'data';
    }
    if (LOST_CONNECTION.test(current.message)) return 'unreachable';
  }
  return 'transient';
}

/** SQLSTATEs of the data itself: classes 22, 23 and 54, and 42804 (datatype mismatch). */
const DATA_ERROR = /^(2[23]|54)[0-9A-Z]{3}$|^42804$/;

/** The SQLSTATE (or socket error code) of a pg error, or of the PostgreSQL error inside a Prisma error. */
function sqlState(error: Error): string | undefined {
  const cause = driverAdapterCause(error);
  const code = cause?.originalCode ?? cause?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function adapterErrorKind(error: Error): string | undefined {
  const kind = driverAdapterCause(error)?.kind;
  return typeof kind === 'string' ? kind : undefined;
}

function driverAdapterCause(error: Error): Record<string, unknown> | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta;
  const cause = meta?.driverAdapterError?.cause;
  return cause !== null && typeof cause === 'object' ? (cause as Record<string, unknown>) : undefined;
}

/** The SQLSTATE and message of a failed statement, for the record of an event set aside. */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = sqlState(error);
  const message = driverAdapterCause(error)?.originalMessage;
  return [code, typeof message === 'string' ? message : error.message.trim().split('\n').at(-1)]
    .filter(Boolean)
    .join(' ');
}
