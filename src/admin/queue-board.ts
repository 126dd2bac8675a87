import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { JobQueues } from '../jobs/job-queues.ts';

/** Where Bull Board is served read-only, behind the same staff sign-in as the rest of the dashboard. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** Where the board that can retry, remove, pause and clean jobs is served, to operators only (DASHBOARD_OPERATORS). */
export const QUEUE_MANAGE_PATH = `${QUEUE_BOARD_PATH}/manage`;

/**
 * Two Bull Boards over every queue, registered inside the dashboard's scope so its session check
 * applies: a read-only one for all staff, and one with every action, which the dashboard's core
 * opens to operators only. Bull Board itself refuses changes to a read-only queue (405).
 */
export function registerQueueBoards(scope: FastifyInstance, queues: JobQueues): void {
  registerBoard(scope, queues, QUEUE_BOARD_PATH, true);
  registerBoard(scope, queues, QUEUE_MANAGE_PATH, false);
}

function registerBoard(scope: FastifyInstance, queues: JobQueues, basePath: string, readOnlyMode: boolean): void {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode })),
    serverAdapter,
    // A way back to the dashboard; no link to Bull Board's documentation site.
    options: { uiConfig: { boardTitle: 'Compagnon', miscLinks: [{ text: '← /admin', url: '/admin' }], hideDocsLink: true } },
  });
  void scope.register(serverAdapter.registerPlugin(), { prefix: basePath });
}
