import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationContext, Outgoing } from '../../src/conversation/conversation-context.ts';
import { startJoiningAfterAcceptance } from '../../src/conversation/flows/joining.ts';
import { handleEvent } from '../../src/conversation/handle-event.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createTranslate } from '../../src/i18n.ts';
import { createConversationStore } from '../../src/store/conversation-store.ts';
import { personView } from '../../src/store/people/person-view.ts';
import { SAMPLE_DAYTIME } from '../support/clock.ts';
import { importSample } from '../support/sample-programme.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });
const NOW = SAMPLE_DAYTIME;

/** An applicant accepted on the dashboard: language, name and country came with the application. */
describe('an accepted applicant joins with the consent and the hub only', () => {
  let test: TestDatabase;
  let personId: string;
  let enrolmentId: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    await importSample(test.db);
    const cohort = await test.db.cohort.findFirstOrThrow();
    const person = await test.db.person.create({
      data: {
        displayName: 'Paul Mbarga',
        locale: 'en',
        roles: ['participant'],
        country: 'CM',
        timeZone: 'Africa/Douala',
        identities: { create: { channel: 'whatsapp', platformId: '237600000001' } },
        enrolments: { create: { cohortId: cohort.id, role: 'participant', joinedAt: null } },
      },
      include: { enrolments: true },
    });
    personId = person.id;
    enrolmentId = person.enrolments[0]!.id;
  });

  afterAll(async () => {
    await test.drop();
  });

  const inTransaction = <T>(act: (context: ConversationContext) => Promise<T>) =>
    test.db.$transaction(async (tx) =>
      act({
        person: await personView(tx, personId),
        defaultLanguage: 'fr',
        translate,
        store: createConversationStore(tx),
        now: () => NOW,
      }),
    );
  const tap = (choiceId: string): Promise<Outgoing[]> => {
    const event: InboundEvent = {
      channel: 'whatsapp',
      platformEventId: `e-${choiceId}`,
      sender: { channel: 'whatsapp', platformId: '237600000001' },
      sentAt: NOW.toISOString(),
      kind: 'choice',
      choiceId,
    };
    return inTransaction((context) => handleEvent(event, context));
  };

  it('asks the consent in their language, then the hub, then welcomes them by the name they gave', async () => {
    const [consent] = await inTransaction((context) => startJoiningAfterAcceptance(enrolmentId, context));
    expect(consent).toMatchObject({ payload: { kind: 'choices', text: expect.stringContaining('Do you agree?') } });
    const [hubs] = await tap('join-consent:yes');
    expect(hubs?.payload.kind === 'choices' && hubs.payload.choices.map((c) => c.id)).toContain('join-hub:abidjan');
    const [welcome] = await tap('join-hub:abidjan');
    expect(welcome?.payload).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/^Welcome Paul Mbarga! You are now part of/),
    });
    const person = await test.db.person.findUniqueOrThrow({
      where: { id: personId },
      include: { hub: true, enrolments: true, consents: true },
    });
    expect(person).toMatchObject({
      displayName: 'Paul Mbarga',
      locale: 'en',
      country: 'CM',
      timeZone: 'Africa/Douala',
      hub: { key: 'abidjan' },
    });
    expect(person.enrolments[0]?.joinedAt).toEqual(NOW);
    expect(person.consents.map((c) => c.given)).toEqual([true]);
    expect(await test.db.conversationState.findUnique({ where: { personId } })).toBeNull();
  });

  it('asks nothing of someone who has joined already', async () => {
    expect(await inTransaction((context) => startJoiningAfterAcceptance(enrolmentId, context))).toEqual([]);
  });
});
