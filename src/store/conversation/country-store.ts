import type { CountryStore } from '../../conversation/stores/country-store.ts';
import type { Prisma } from '../generated/client.ts';

/** A person's own country and time zone, as they give them in chat. */
export function createCountryStore(tx: Prisma.TransactionClient): CountryStore {
  return {
    setCountry: async (personId, country, timeZone) => {
      await tx.person.update({ where: { id: personId }, data: { country, timeZone } });
    },
    ownCountry: async (personId) =>
      tx.person.findUniqueOrThrow({ where: { id: personId }, select: { country: true, timeZone: true } }),
  };
}
