import type { LinkStore } from '../../conversation/stores/link-store.ts';
import type { Prisma } from '../generated/client.ts';

export function createLinkStore(_tx: Prisma.TransactionClient): LinkStore {
  return {};
}
