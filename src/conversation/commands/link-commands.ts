import { lastUsedChat } from '../../domain/last-used-chat.ts';
import { LINK_CODE_VALID_MS } from '../../domain/link-code.ts';
import type { ChannelName, InboundEvent } from '../../domain/inbound-event.ts';
import { SECRET_PURPOSE } from '../../domain/outbound-message.ts';
import { isLanguage, SUPPORTED_LANGUAGES } from '../../domain/programme/language.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { ChatAddress, PersonChat } from '../stores/link-store.ts';
import type { LinkStore } from '../stores/link-store.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type LinkContext = ConversationContext<LinkStore>;

const UNLINK_CHOICE = 'unlink:';

/** Whether a button is one of DÉLIER's (one per chat): it acts wherever it is tapped. */
export function isUnlinkChoice(choiceId: string): boolean {
  return choiceId.startsWith(UNLINK_CHOICE);
}

/**
 * LIER / LINK alone: a code to type on the person's other app within ten minutes. LIER <code>:
 * this chat joins the person the code was given to, and both chats are told; or a clear refusal.
 */
export async function link(argument: string, event: InboundEvent, context: LinkContext): Promise<Outgoing[]> {
  const chat = chatOf(event);
  if (argument) return useCode(argument, chat, context);
  if (!(await context.store.mayLinkChats(context.person.id)))
    return [text(inTheirLanguages(event, context, 'link:join_first'))];
  const { t } = speakerFor(context);
  const code = await context.store.createLinkCode(context.person.id, chat, context.now());
  const other = event.channel === 'whatsapp' ? 'telegram' : event.channel === 'telegram' ? 'whatsapp' : 'other';
  // The code is a secret until used: the outbox forgets it once it is sent (see SECRET_PURPOSE).
  return [
    {
      ...text(
        t('link:code_given', {
          code,
          minutes: LINK_CODE_VALID_MS / 60_000,
          app: t(`link:other_app_${other}`),
        }),
      ),
      purpose: SECRET_PURPOSE,
    },
  ];
}

async function useCode(typed: string, chat: ChatAddress, context: LinkContext): Promise<Outgoing[]> {
  const result = await context.store.useLinkCode(typed, chat, context.person.id, context.now());
  if (result.kind !== 'attached') {
    const { t } = speakerFor(context);
    return [
      text(t(`link:refused_${result.kind.replaceAll('-', '_')}`, { channel: t(`link:channel_${chat.channel}`) })),
    ];
  }
  // From now on both chats speak the code's person's language.
  const language = isLanguage(result.locale) ? result.locale : context.defaultLanguage;
  const t = (key: string, values?: Record<string, unknown>) => context.translate(language, key, values);
  const name = result.displayName ?? t('link:you');
  return [
    {
      ...text(t('link:attached_here', { name, other: t(`link:channel_${result.fromChannel}`) })),
      toPersonId: result.personId,
    },
    {
      ...text(t('link:attached_there', { channel: t(`link:channel_${chat.channel}`) })),
      toPersonId: result.personId,
      toIdentityId: result.fromIdentityId,
    },
  ];
}

/**
 * DÉLIER / UNLINK: with several chats, buttons to choose the one to detach (or DÉLIER WHATSAPP at
 * once). A person's only chat stays: they would be left unreachable.
 */
export async function unlink(argument: string, event: InboundEvent, context: LinkContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const chats = await context.store.personChats(context.person.id);
  if (chats.length < 2) return [text(t('link:unlink_only_one'))];
  if (argument) {
    const channel = channelNamed(argument);
    const chosen = chats.find((chat) => chat.channel === channel);
    if (chosen) return detach(chosen, chats, event, context);
    return [askWhichChat(chats, context, t('link:unlink_no_such', { word: argument }))];
  }
  return [askWhichChat(chats, context, t('link:unlink_which'))];
}

/** A DÉLIER button: the chat it names, if it is still the person's. */
export async function answerUnlinkChoice(event: InboundEvent, context: LinkContext): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const identityId = event.kind === 'choice' ? event.choiceId.slice(UNLINK_CHOICE.length) : '';
  const chats = await context.store.personChats(context.person.id);
  const chosen = chats.find((chat) => chat.identityId === identityId);
  if (!chosen) return [text(t('link:unlink_gone'))];
  if (chats.length < 2) return [text(t('link:unlink_only_one'))];
  return detach(chosen, chats, event, context);
}

async function detach(
  chosen: PersonChat,
  chats: PersonChat[],
  event: InboundEvent,
  context: LinkContext,
): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const result = await context.store.detachChat(context.person.id, chosen.identityId, chatOf(event));
  if (!result.detached) return [text(t(result.reason === 'last-chat' ? 'link:unlink_only_one' : 'link:unlink_gone'))];
  const channel = t(`link:channel_${result.channel}`);
  const toDetached: Outgoing = {
    ...text(t('link:unlinked_this', { channel })),
    toPersonId: result.newPersonId,
    toIdentityId: chosen.identityId,
  };
  const asked = chats.find((chat) => chat.channel === event.channel && chat.identityId !== chosen.identityId);
  // Asked from the chat that stays: the answer goes there. From the chat that goes: the one of
  // the chats left that the person used last is told.
  const left = asked ?? lastUsed(chats.filter((chat) => chat.identityId !== chosen.identityId));
  if (!left) return [toDetached];
  const toLeft: Outgoing = {
    ...text(t('link:unlinked_other', { channel })),
    toPersonId: context.person.id,
    toIdentityId: left.identityId,
  };
  return asked ? [toLeft, toDetached] : [toDetached, toLeft];
}

function askWhichChat(chats: PersonChat[], context: LinkContext, question: string): Outgoing {
  const { t } = speakerFor(context);
  return {
    payload: {
      kind: 'choices',
      text: question,
      choices: chats.map((chat) => ({
        id: `${UNLINK_CHOICE}${chat.identityId}`,
        label: [t(`link:channel_${chat.channel}`), chat.username ? `@${chat.username}` : chat.phoneNumber]
          .filter(Boolean)
          .join(' '),
      })),
    },
  };
}

/** The chat a person used last, by the rule messages follow. */
function lastUsed(chats: PersonChat[]): PersonChat | undefined {
  return lastUsedChat(chats.map((chat) => ({ ...chat, lastInboundAt: chat.lastMessageAt, createdAt: chat.since })));
}

/** "whatsapp", "wa", "telegram", "tg", "simulateur": the platform a word names. */
function channelNamed(word: string): ChannelName | null {
  const named: Record<string, ChannelName> = {
    whatsapp: 'whatsapp',
    wa: 'whatsapp',
    telegram: 'telegram',
    tg: 'telegram',
    simulateur: 'simulator',
    simulator: 'simulator',
  };
  return named[word.toLowerCase()] ?? null;
}

function chatOf(event: InboundEvent): ChatAddress {
  return { channel: event.sender.channel, platformId: event.sender.platformId };
}

/**
 * Someone who has not joined may have chosen no language: in the one their app is set to when the
 * platform says, else in every language (as the conversation answers newcomers).
 */
function inTheirLanguages(event: InboundEvent, context: LinkContext, key: string): string {
  const reported = event.sender.languageCode?.slice(0, 2).toLowerCase();
  const languages = context.person.locale
    ? [context.person.locale]
    : isLanguage(reported)
      ? [reported]
      : SUPPORTED_LANGUAGES;
  return languages.map((language) => context.translate(language, key)).join('\n\n');
}
