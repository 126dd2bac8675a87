import { describe, expect, it } from 'vitest';
import type {
  ConversationContext,
  ConversationStore,
  FlowState,
  PersonView,
} from '../../src/conversation/conversation-context.ts';
import { parseWhen } from '../../src/conversation/flows/broadcast.ts';
import { currentSubmission } from '../../src/conversation/flows/exercise.ts';
import { handleEvent, TEXT_MAX_LENGTH } from '../../src/conversation/handle-event.ts';
import { matchKeyword } from '../../src/conversation/keywords.ts';
import type { InboundEvent } from '../../src/domain/inbound-event.ts';
import { createTranslate } from '../../src/i18n.ts';

const translate = createTranslate({ defaultLanguage: 'fr' });

/** Only what these cases touch: a person with no enrolment, no exercise, and a flow state in memory. */
function memoryStore(): ConversationStore & { state: FlowState | null } {
  const store = {
    state: null as FlowState | null,
    getState: async () => store.state,
    setState: async (_id: string, state: FlowState) => {
      store.state = state;
    },
    clearState: async () => {
      store.state = null;
    },
    submissions: async () => [],
    enrolments: async () => [],
    findInvite: async () => null,
    pendingConsent: async () => null,
    applicationCalls: async () => [],
    applications: async () => [],
  };
  return store as unknown as ConversationStore & { state: FlowState | null };
}

function context(person: Partial<PersonView> = {}): ConversationContext {
  return {
    person: {
      id: 'p1',
      locale: null,
      displayName: null,
      roles: [],
      hubId: null,
      timeZone: 'Africa/Abidjan',
      optedOutAt: null,
      erasedAt: null,
      consentAskedAt: null,
      ...person,
    },
    defaultLanguage: 'fr',
    translate,
    store: memoryStore(),
    now: () => new Date('2027-01-12T10:00:00Z'),
  };
}

const textEvent = (text: string): InboundEvent => ({
  channel: 'simulator',
  platformEventId: 'e1',
  sender: { channel: 'simulator', platformId: 's1' },
  sentAt: '2027-01-12T10:00:00Z',
  kind: 'text',
  text,
});

const texts = (outgoing: Awaited<ReturnType<typeof handleEvent>>) =>
  outgoing.map((o) => ('text' in o.payload ? o.payload.text : ''));

describe('keywords', () => {
  it('reads commands in both languages, without case or accents', () => {
    expect(matchKeyword('Aide')?.keyword).toBe('help');
    expect(matchKeyword('PROGRÈS')?.keyword).toBe('progress');
    expect(matchKeyword('Arrêt')?.keyword).toBe('stop');
    expect(matchKeyword('mes données')?.keyword).toBe('my_data');
    expect(matchKeyword('/language')?.keyword).toBe('language');
    expect(matchKeyword('pause 7 jours')).toEqual({ keyword: 'pause', argument: '7 jours' });
    expect(matchKeyword('Je fais une pause')).toBeNull();
  });

  it('reads a link code typed with a space or a dash, as phones and people write it', () => {
    expect(matchKeyword('LIER K7P-Q3M')).toEqual({ keyword: 'link', argument: 'k7p-q3m' });
    expect(matchKeyword('lier k7p q3m')).toEqual({ keyword: 'link', argument: 'k7p q3m' });
    expect(matchKeyword('Link K7PQ3M')).toEqual({ keyword: 'link', argument: 'k7pq3m' });
    expect(matchKeyword('DÉLIER WhatsApp')).toEqual({ keyword: 'unlink', argument: 'whatsapp' });
  });
});

describe('handling an event', () => {
  it('answers the public apply link from someone who sent STOP as anything else: RESUME first', async () => {
    const stopped = context({ locale: 'fr', optedOutAt: new Date('2027-01-10T10:00:00Z') });
    const applyLink: InboundEvent = { ...textEvent(''), kind: 'command', command: 'start', argument: 'apply' };
    expect(texts(await handleEvent(applyLink, stopped))).toEqual([translate('fr', 'commands:still_stopped')]);
  });

  it('tells someone who writes without a code how to join, in both languages', async () => {
    expect(texts(await handleEvent(textEvent('Bonjour tout le monde'), context()))).toEqual([
      "Pour rejoindre votre programme, envoyez le code d'invitation que l'équipe vous a donné, par exemple : REJOINDRE ABCD2345\n\n" +
        'To join your programme, send the invite code the team gave you, for example: JOIN ABCD2345',
    ]);
  });

  it('greets someone not enrolled in the language their app reports, else in both', async () => {
    const hello = {
      ...textEvent('Hello'),
      sender: { channel: 'simulator' as const, platformId: 's1', languageCode: 'en-GB' },
    };
    expect(texts(await handleEvent(hello, context()))).toEqual([
      "Hello, I am Compagnon, your programme's assistant.\n" +
        'To join your programme, send the invite code the team gave you, for example: JOIN ABCD2345',
    ]);
    const [both] = texts(await handleEvent(textEvent('Bonjour'), context()));
    expect(both).toContain("Bonjour, je suis Compagnon, l'assistant de votre programme.");
    expect(both).toContain('REJOINDRE ABCD2345');
    expect(both).toContain("Hello, I am Compagnon, your programme's assistant.");
    expect(both).toContain('JOIN ABCD2345');
  });

  it('answers an unknown invite code clearly', async () => {
    expect(texts(await handleEvent(textEvent('REJOINDRE QQQQ7777'), context()))[0]).toContain(
      'Je ne connais pas le code QQQQ7777',
    );
  });

  it('refuses an oversized text', async () => {
    const [reply] = texts(await handleEvent(textEvent('a'.repeat(TEXT_MAX_LENGTH + 1)), context({ locale: 'en' })));
    expect(reply).toBe(
      `This message is too long: ${TEXT_MAX_LENGTH + 1} characters, for a maximum of ${TEXT_MAX_LENGTH}. Could you shorten it?`,
    );
  });

  it('refuses staff commands to a participant, in their language', async () => {
    expect(texts(await handleEvent(textEvent('broadcast'), context({ roles: ['participant'], locale: 'en' })))).toEqual(
      ['This command is for the programme team only.'],
    );
  });

  it('answers an unknown Telegram command with help', async () => {
    const command: InboundEvent = {
      ...textEvent(''),
      kind: 'command',
      command: 'frobnicate',
      argument: '',
    };
    expect(texts(await handleEvent(command, context({ roles: ['participant'] })))[0]).toContain('PROGRÈS');
  });

  it('leaves a dialogue on CANCEL', async () => {
    const ctx = context({ roles: ['staff'] });
    await ctx.store.setState('p1', { flow: 'broadcast', step: 'text', data: {} });
    expect(texts(await handleEvent(textEvent('annuler'), ctx))).toEqual(["C'est annulé."]);
    expect(await ctx.store.getState('p1')).toBeNull();
  });

  it('drops a stored dialogue state that does not read, logs it, and answers as if there were none', async () => {
    const logged: { message: string; details: Record<string, unknown> }[] = [];
    const ctx = {
      ...context(),
      log: (message: string, details: Record<string, unknown>) => logged.push({ message, details }),
    };
    // A joining state that lost its ids (written by an older version, or damaged).
    await ctx.store.setState('p1', { flow: 'joining', step: 'hub', data: { enrolmentId: 42 } });
    expect(texts(await handleEvent(textEvent('Abidjan'), ctx))[0]).toContain(
      "Pour rejoindre votre programme, envoyez le code d'invitation que l'équipe vous a donné, par exemple : REJOINDRE ABCD2345",
    );
    expect(await ctx.store.getState('p1')).toBeNull();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ personId: 'p1', flow: 'joining', step: 'hub' });
  });
});

describe('the exercise a participant is working on', () => {
  const submission = (key: string, releaseAt: string, deadlineAt: string) =>
    ({
      id: key,
      status: 'open',
      late: false,
      currentPosition: 0,
      releaseAt: new Date(releaseAt),
      deadlineAt: new Date(deadlineAt),
      submittedAt: null,
      exercise: { id: key, key, title: {}, intro: {}, graceMinutes: 0, closesAfterMinutes: 7 * 24 * 60, questions: [] },
      answers: [],
    }) as const;

  it('is the released one due soonest, never one that has closed or is not released yet', () => {
    const closed = submission('week-1', '2027-01-11T09:00:00Z', '2027-01-17T23:59:00Z');
    const current = submission('week-3', '2027-01-25T09:00:00Z', '2027-01-31T23:59:00Z');
    const later = submission('week-4', '2027-02-01T09:00:00Z', '2027-02-07T23:59:00Z');
    const now = new Date('2027-01-26T10:00:00Z');
    expect(currentSubmission([closed, later, current] as never, now)?.id).toBe('week-3');
    expect(currentSubmission([closed] as never, now)).toBeUndefined();
  });
});

describe('broadcast times written by staff', () => {
  it('reads a date and time in the programme time zone', () => {
    expect(parseWhen('2027-01-20 15:00', 'Europe/Paris')?.toISOString()).toBe('2027-01-20T14:00:00.000Z');
    expect(parseWhen('20/07/2027 15h', 'Europe/Paris')?.toISOString()).toBe('2027-07-20T13:00:00.000Z');
    expect(parseWhen('demain', 'Europe/Paris')).toBeNull();
    expect(parseWhen('2027-02-30 15:00', 'Europe/Paris')).toBeNull();
  });
});
