import type { CountryStore } from '../../conversation/stores/country-store.ts';
import type { Prisma } from '../generated/client.ts';

export function createCountryStore(_tx: Prisma.TransactionClient): CountryStore {
  return {};
}
