import type { ChatAccounts } from './invite-links.ts';

/** The word applicants send on WhatsApp (and may type anywhere) to start an application, per language. */
export const APPLY_WORDS = { fr: 'POSTULER', en: 'APPLY' } as const;

/** The argument of the Telegram deep link that opens an application (`/start apply`). */
export const APPLY_START_PARAMETER = 'apply';

/** The public links that open an application; null where the channel is not configured. */
export interface ApplicationLinks {
  /** The bot's deep link: Telegram sends `/start apply` when the person presses Start. */
  telegram: string | null;
  /** A wa.me link with the apply word typed in, ready to send. */
  whatsapp: string | null;
}

/**
 * The public Telegram deep link and WhatsApp link of a call for applications: no invite code,
 * anyone may apply. The WhatsApp link carries the apply word in `language`.
 * @see https://core.telegram.org/bots/features#deep-linking
 * @see https://faq.whatsapp.com/5913398998672934
 */
export function applicationLinks(language: keyof typeof APPLY_WORDS, accounts: ChatAccounts): ApplicationLinks {
  return {
    telegram: accounts.telegramBotUsername
      ? `https://t.me/${accounts.telegramBotUsername}?start=${APPLY_START_PARAMETER}`
      : null,
    whatsapp: accounts.whatsappBusinessNumber
      ? `https://wa.me/${accounts.whatsappBusinessNumber}?text=${encodeURIComponent(APPLY_WORDS[language])}`
      : null,
  };
}
