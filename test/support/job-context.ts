import { tmpdir } from 'node:os';
import type { Database } from '../../src/store/database.ts';
import { createTranslate } from '../../src/i18n.ts';
import type { JobContext } from '../../src/jobs/job-definition.ts';
import { JobQueues } from '../../src/jobs/job-queues.ts';
import { createLogger } from '../../src/logger.ts';
import { redisConnection } from './redis.ts';

/** A job context on a test database, with queues under the given prefix (close them after). */
export function testJobContext(
  db: Database,
  prefix: string,
  overrides: Partial<Omit<JobContext, 'job' | 'token'>> = {},
): Omit<JobContext, 'job' | 'token'> {
  return {
    db,
    logger: createLogger({ LOG_LEVEL: 'silent' }),
    now: () => new Date(),
    translate: createTranslate({ defaultLanguage: 'fr' }),
    defaultLanguage: 'fr',
    channels: {},
    queues: new JobQueues({ connection: redisConnection(), prefix }),
    media: { dir: tmpdir(), maxBytes: 1024 * 1024 },
    ...overrides,
  };
}
