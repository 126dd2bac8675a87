import type { AccountStore } from '../../conversation/stores/account-store.ts';
import { createSignInLink, signInPath } from '../access/sign-in-links.ts';
import type { Prisma } from '../generated/client.ts';
import { hasPlatformIdentity } from '../people/simulator-people.ts';
import { enrolmentInclude, enrolmentView } from './enrolment-view.ts';

export interface AccountStoreOptions {
  /** For dashboard sign-in links sent in chat (PUBLIC_URL, SIGN_IN_LINK_MINUTES). */
  dashboard?: { publicUrl: string | null; linkMinutes: number };
}

/** The person's language, enrolments and dashboard links. */
export function createAccountStore(tx: Prisma.TransactionClient, options: AccountStoreOptions = {}): AccountStore {
  return {
    setLocale: async (personId, locale) => {
      await tx.person.update({ where: { id: personId }, data: { locale } });
    },
    enrolments: async (personId) => {
      const rows = await tx.enrolment.findMany({
        where: { personId },
        include: enrolmentInclude,
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(enrolmentView);
    },
    dashboardLink: async (personId, now, via) => {
      const { publicUrl, linkMinutes } = options.dashboard ?? { publicUrl: null, linkMinutes: 15 };
      if (via === 'simulator' && (await hasPlatformIdentity(tx, personId))) {
        return { ok: false, reason: 'not_in_simulator' };
      }
      const link = await createSignInLink(tx, { personId, now, validMinutes: linkMinutes });
      if (!link.ok) return link;
      await tx.auditLog.create({
        data: {
          actorId: personId,
          action: 'dashboard.link',
          entity: 'Person',
          entityId: personId,
          details: { via: 'chat', channel: via },
        },
      });
      const linkPath = signInPath(link.token);
      return {
        ok: true,
        url: publicUrl ? `${publicUrl.replace(/\/+$/, '')}${linkPath}` : linkPath,
        minutes: linkMinutes,
      };
    },
  };
}
