import type { Prisma } from '../generated/client.ts';

/**
 * The transaction a release is claimed in, handed to the step that composes its messages so
 * they are written in it too: a release and its messages are committed together or not at all.
 */
export type ReleaseTransaction = Prisma.TransactionClient;
