import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { JobQueues } from '../jobs/job-queues.ts';

/** Where Bull Board is served, behind the same staff sign-in as the rest of the dashboard. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board over every queue, registered inside the dashboard's scope so its session check applies. */
export function registerQueueBoard(scope: FastifyInstance, queues: JobQueues): void {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.all().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    // A way back to the dashboard; no link to Bull Board's documentation site.
    options: { uiConfig: { boardTitle: 'Compagnon', miscLinks: [{ text: '← /admin', url: '/admin' }], hideDocsLink: true } },
  });
  void scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
