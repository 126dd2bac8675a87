import type { HelpDeskRoute, HelpDeskStore } from '../../conversation/stores/help-desk-store.ts';
import { routeHelpRequest } from '../../domain/help-desk/help-routing.ts';
import type { LocalizedText } from '../../domain/programme/language.ts';
import type { Prisma } from '../generated/client.ts';
import { askForHelp } from '../help-desk/ask-for-help.ts';
import { findHelpAsker, type HelpAskerView } from '../help-desk/find-help-asker.ts';
import { listHelpResponders } from '../help-desk/list-help-responders.ts';

/** A participant's questions to the help desk, through the foundation's routing and conversations. */
export function createHelpDeskStore(tx: Prisma.TransactionClient): HelpDeskStore {
  return {
    helpDeskRoute: async (personId) => {
      const asker = await findHelpAsker(tx, personId);
      if (!asker) return null;
      return routeFor(tx, asker);
    },
    latestHelpConversation: async (personId) => {
      // In the programme their free text would go to (their latest enrolment's), not another one.
      const asker = await findHelpAsker(tx, personId);
      if (!asker) return null;
      return tx.helpConversation.findFirst({
        where: { personId, programmeId: asker.programmeId },
        orderBy: { lastMessageAt: 'desc' },
        select: { id: true, status: true, lastMessageAt: true },
      });
    },
    isOwnHelpConversation: async (personId, conversationId) =>
      (await tx.helpConversation.count({ where: { id: conversationId, personId } })) > 0,
    sendToHelpDesk: async (personId, message, now, conversationId) => {
      const conversation = conversationId
        ? await tx.helpConversation.findFirst({ where: { id: conversationId, personId }, select: { cohortId: true } })
        : null;
      const asker = await findHelpAsker(tx, personId, conversation?.cohortId);
      if (!asker) return null;
      const sent = await askForHelp(tx, asker, message, now);
      if (!sent) return null;
      const facts = await askerFacts(tx, asker);
      return {
        conversationId: sent.conversationId,
        outcome: sent.outcome,
        level: sent.level,
        notify: sent.notify,
        escalateAfterMinutes: sent.escalateAfterMinutes,
        ...facts,
      };
    },
  };
}

/**
 * Who answers a message written now: the level of the open conversation (and whoever took it),
 * as `askForHelp` will route it, else the first level with someone on it.
 */
async function routeFor(tx: Prisma.TransactionClient, asker: HelpAskerView): Promise<HelpDeskRoute> {
  const responders = await listHelpResponders(tx, asker);
  const current = await tx.helpConversation.findFirst({
    where: { personId: asker.personId, programmeId: asker.programmeId, status: { not: 'closed' } },
    orderBy: { lastMessageAt: 'desc' },
    select: { level: true, assigneeId: true },
  });
  const route = routeHelpRequest(responders, current?.level);
  const assignee =
    route?.level === current?.level ? route?.responders.find((r) => r.personId === current?.assigneeId) : undefined;
  const { hubName } = await askerFacts(tx, asker);
  return {
    level: route?.level ?? null,
    responders: assignee ? [assignee] : (route?.responders ?? []),
    hubName,
    escalateAfterMinutes: asker.escalateAfterMinutes,
  };
}

async function askerFacts(tx: Prisma.TransactionClient, asker: HelpAskerView) {
  const [person, programme] = await Promise.all([
    tx.person.findUnique({
      where: { id: asker.personId },
      select: { displayName: true, hub: { select: { name: true } } },
    }),
    tx.programme.findUnique({ where: { id: asker.programmeId }, select: { defaultLocale: true } }),
  ]);
  return {
    personName: person?.displayName ?? null,
    hubName: (person?.hub?.name as LocalizedText | undefined) ?? null,
    programmeDefaultLocale: programme?.defaultLocale ?? null,
  };
}
