import type { InboundEvent } from '../domain/inbound-event.ts';
import type { OutboundPayload } from '../domain/outbound-message.ts';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../domain/programme/language.ts';
import type { ConversationContext } from './conversation-context.ts';
import { matchKeyword, type Keyword } from './keywords.ts';

/** Longer texts are refused with a clear message rather than stored truncated. */
export const TEXT_MAX_LENGTH = 4000;

const LANGUAGE_CHOICE_PREFIX = 'lang:';
const LANGUAGE_LABELS: Record<Language, string> = { fr: 'Français', en: 'English' };

/**
 * Turns one inbound event into the replies to send back on the same channel. Pure dialogue:
 * what it changes goes through `context.store`, inside the caller's transaction.
 */
export async function handleEvent(event: InboundEvent, context: ConversationContext): Promise<OutboundPayload[]> {
  const language = context.person.locale ?? context.defaultLanguage;
  const t = (key: string, values?: Record<string, unknown>) => context.translate(language, `common:${key}`, values);

  switch (event.kind) {
    case 'command':
      return answerKeyword(matchKeyword(event.command) ?? 'help', context, language);
    case 'text': {
      if (event.text.length > TEXT_MAX_LENGTH) {
        return [{ kind: 'text', text: t('text_too_long', { length: event.text.length, max: TEXT_MAX_LENGTH }) }];
      }
      const keyword = matchKeyword(event.text);
      if (keyword) return answerKeyword(keyword, context, language);
      return [{ kind: 'text', text: t(context.person.roles.length === 0 ? 'join_explanation' : 'nothing_pending') }];
    }
    case 'choice': {
      if (event.choiceId.startsWith(LANGUAGE_CHOICE_PREFIX)) {
        const chosen = event.choiceId.slice(LANGUAGE_CHOICE_PREFIX.length);
        if (isLanguage(chosen)) {
          await context.store.setLocale(context.person.id, chosen);
          return [{ kind: 'text', text: context.translate(chosen, 'common:language_set') }];
        }
      }
      return [{ kind: 'text', text: t('choice_expired') }];
    }
    case 'media': {
      const problem = context.mediaProblem;
      if (problem) {
        const reason = problem.kind === 'too-large' ? t('media_too_large', { max: formatBytes(problem.maxBytes) }) : t('media_unreadable');
        return [{ kind: 'text', text: t('media_rejected', { reason }) }];
      }
      return [{ kind: 'text', text: t('media_not_expected') }];
    }
    case 'location':
    case 'unsupported':
      return [{ kind: 'text', text: t('unsupported') }];
  }
}

function answerKeyword(keyword: Keyword, context: ConversationContext, language: Language): OutboundPayload[] {
  const t = (key: string) => context.translate(language, `common:${key}`);
  switch (keyword) {
    case 'help':
      return [{ kind: 'text', text: t('help') }];
    case 'language':
      return [
        {
          kind: 'choices',
          text: t('language_question'),
          menuLabel: t('choose'),
          choices: SUPPORTED_LANGUAGES.map((code) => ({ id: `${LANGUAGE_CHOICE_PREFIX}${code}`, label: LANGUAGE_LABELS[code] })),
        },
      ];
    case 'start':
      return [{ kind: 'text', text: `${t('welcome')}\n${t(context.person.roles.length === 0 ? 'join_explanation' : 'help')}` }];
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}
