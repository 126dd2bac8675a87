import { z } from 'zod';
import { CONSENT_REQUEST_PURPOSE } from '../conversation/flows/consent-again.ts';
import { consentAgainRequest } from '../conversation/notices/consent-again-request.ts';
import { outsideQuietHours } from '../domain/quiet-hours.ts';
import { loadConsentProgramme, peopleToAskConsent, unmarkConsentAsked } from '../store/people/consent-requests.ts';
import { pendingConsent } from '../store/people/pending-consent.ts';
import { addOutboundMessages, type NewOutboundMessage, type OutboxRow } from '../store/outbox/outbox.ts';
import { releaseHeldMessages } from '../store/outbox/release-held-messages.ts';
import { personView, preferredIdentity } from '../store/people/person-view.ts';
import { defineJob } from './job-definition.ts';

/**
 * Every minute: each person marked as asked to consent again (an import changed the consent
 * version of one of their programmes) gets the question once, in their language, out of the
 * programme's quiet hours. Until they answer, delivery holds everything but replies for them.
 * Someone who no longer has anything to answer (they answered in chat meanwhile, staff stopped
 * their enrolment, an import put the old version back) is unmarked, and what was held for their
 * answer is released.
 * Nobody already asked since they were marked (by this job, or in chat) is asked again, and the
 * message has a deterministic key: running it twice asks once.
 */
export const askConsentAgainDue = defineJob({
  name: 'ask-consent-again',
  payload: z.object({}),
  repeat: { pattern: '* * * * *', timeZone: 'UTC', payload: {} },
  handle: async (_payload, { db, logger, now, translate, defaultLanguage, queues }) => {
    const at = now();
    const people = await peopleToAskConsent(db, CONSENT_REQUEST_PURPOSE);
    const messages: NewOutboundMessage[] = [];
    const released: OutboxRow[] = [];
    let unmarked = 0;
    for (const { id, consentAskedAt } of people) {
      const pending = await pendingConsent(db, id);
      if (!pending) {
        if (!(await unmarkConsentAsked(db, id, consentAskedAt))) continue;
        unmarked += 1;
        // What was held for their answer goes now (or is skipped, were they stopped meanwhile).
        released.push(...(await releaseHeldMessages(db, id, [], at)));
        continue;
      }
      const identity = await preferredIdentity(db, id);
      if (!identity) continue;
      const person = await personView(db, id);
      const programme = await loadConsentProgramme(db, pending.programmeId);
      messages.push({
        personId: id,
        channelIdentityId: identity,
        purpose: CONSENT_REQUEST_PURPOSE,
        payload: consentAgainRequest({ recipient: person, programme, pending }, { translate, defaultLanguage }),
        dedupKey: `consent-request-${id}-${consentAskedAt.getTime()}`,
        plannedAt: outsideQuietHours(at, programme.settings.quietHours, person.timeZone),
      });
    }
    const rows = await addOutboundMessages(db, messages, at);
    await queues.deliverOutbound([...rows, ...released], at);
    if (rows.length > 0 || unmarked > 0)
      logger.info(
        { asked: rows.length, unmarked, released: released.length },
        'asked people to consent to a new consent text',
      );
    return { asked: rows.length, unmarked, released: released.length };
  },
});
