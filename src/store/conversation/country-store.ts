import type { CountryStore } from '../../conversation/stores/country-store.ts';
import type { Prisma } from '../generated/client.ts';

/** A person's own country and time zone, as they give them in chat. */
export function createCountryStore(tx: Prisma.TransactionClient): CountryStore {
  return {
    setCountry: async (personId, country, timeZone) => {
      const before = await tx.person.findUniqueOrThrow({
        where: { id: personId },
        select: { timeZone: true, hub: { select: { timeZone: true } } },
      });
      await tx.person.update({ where: { id: personId }, data: { country, timeZone } });
      // Exercises are planned weeks ahead, at the local hour of the zone the person had: those not
      // released yet go, and the planning job (every 10 minutes) plans them again in the new zone.
      if ((before.timeZone ?? before.hub?.timeZone) !== timeZone) {
        await tx.submission.deleteMany({ where: { status: 'planned', enrolment: { personId } } });
      }
    },
    ownCountry: async (personId) =>
      tx.person.findUniqueOrThrow({ where: { id: personId }, select: { country: true, timeZone: true } }),
  };
}
