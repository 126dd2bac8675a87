import { startJoiningAfterAcceptance } from '../../conversation/flows/joining.ts';
import type { OutboundPayload } from '../../domain/outbound-message.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Translate } from '../../i18n.ts';
import { createConversationStore } from '../conversation-store.ts';
import type { Prisma } from '../generated/client.ts';
import { personView } from '../people/person-view.ts';

/**
 * The joining question(s) an accepted applicant is asked right after being told, in the decision's
 * transaction: the conversation sets their joining state and words the first question. None for
 * someone in another dialogue.
 */
export async function acceptedJoiningMessages(
  tx: Prisma.TransactionClient,
  request: { enrolmentId: string; personId: string },
  deps: { translate: Translate; defaultLanguage: Language; now: () => Date; mediaDir: string },
): Promise<OutboundPayload[]> {
  const store = createConversationStore(tx, { mediaDir: deps.mediaDir });
  // In the middle of something (a question to the team, PAYS…): that dialogue is not cut short;
  // the joining question comes at the first message once it is over (see resumeAcceptedJoining).
  if (await store.getState(request.personId)) return [];
  const person = await personView(tx, request.personId);
  const outgoing = await startJoiningAfterAcceptance(request.enrolmentId, {
    person,
    defaultLanguage: deps.defaultLanguage,
    translate: deps.translate,
    store,
    now: deps.now,
  });
  return outgoing.map((message) => message.payload);
}
