import type { ConsentStore } from '../../conversation/stores/consent-store.ts';
import type { Prisma } from '../generated/client.ts';
import { pendingConsent } from '../people/pending-consent.ts';

/** Consents recorded, and the new consent text a person still has to answer. */
export function createConsentStore(tx: Prisma.TransactionClient): ConsentStore {
  return {
    recordConsent: async (personId, programmeId, given, version, locale) => {
      await tx.consent.create({ data: { personId, programmeId, given, textVersion: version, locale } });
    },
    pendingConsent: (personId) => pendingConsent(tx, personId),
    setConsentAsked: async (personId, at) => {
      await tx.person.update({ where: { id: personId }, data: { consentAskedAt: at } });
    },
  };
}
