import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, describeDatabaseError } from '../../src/store/database-errors.ts';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('database errors', () => {
  it('tells PostgreSQL being away from the data being refused', () => {
    expect(classifyDatabaseError(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('unreachable');
    expect(classifyDatabaseError(pgError('57P01', 'terminating connection due to administrator command'))).toBe(
      'unreachable',
    );
    expect(classifyDatabaseError(pgError('08006', 'connection failure'))).toBe('unreachable');
    expect(classifyDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe('unreachable');
    expect(classifyDatabaseError(new Error('Connection terminated unexpectedly'))).toBe('unreachable');
    const prisma = Object.assign(new Error('Raw query failed.'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(classifyDatabaseError(prisma)).toBe('unreachable');

    expect(classifyDatabaseError(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe('data');
    expect(classifyDatabaseError(pgError('54000', 'index row size 6072 exceeds btree version 4 maximum 2704'))).toBe(
      'data',
    );
    expect(classifyDatabaseError(pgError('23503', 'violates foreign key constraint'))).toBe('data');
    expect(
      classifyDatabaseError(pgError('42804', 'column "sentAt" is of type timestamp but expression is of type integer')),
    ).toBe('data');
  });

  it('never reads a failure that may pass as the data being refused', () => {
    expect(classifyDatabaseError(pgError('57014', 'canceling statement due to statement timeout'))).toBe('transient');
    expect(classifyDatabaseError(pgError('55P03', 'could not obtain lock on row in relation "ChannelIdentity"'))).toBe(
      'transient',
    );
    expect(classifyDatabaseError(pgError('25006', 'cannot execute INSERT in a read-only transaction'))).toBe(
      'transient',
    );
    expect(classifyDatabaseError(pgError('XX000', 'could not read block 12 in file "base/16384/2619"'))).toBe(
      'transient',
    );
    expect(classifyDatabaseError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      'transient',
    );
    expect(classifyDatabaseError('not even an error')).toBe('transient');
    const prisma = Object.assign(new Error('Raw query failed.'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57014' } } },
    });
    expect(classifyDatabaseError(prisma)).toBe('transient');
  });

  it('reads deadlocks and serialization failures as conflicts worth another try, even wrapped', () => {
    expect(classifyDatabaseError(pgError('40P01', 'deadlock detected'))).toBe('conflict');
    expect(classifyDatabaseError(new Error('wrapped', { cause: pgError('40001', 'could not serialize access') }))).toBe(
      'conflict',
    );
  });

  it('describes an error by its SQLSTATE and message', () => {
    expect(describeDatabaseError(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe(
      '22P05 unsupported Unicode escape sequence',
    );
  });
});
