import type { ApplicationStore } from '../../conversation/stores/application-store.ts';
import type { Prisma } from '../generated/client.ts';

export function createApplicationStore(_tx: Prisma.TransactionClient): ApplicationStore {
  return {};
}
