/** The chat accounts people join through, where configured (TELEGRAM_BOT_USERNAME, WHATSAPP_BUSINESS_NUMBER). */
export interface ChatAccounts {
  telegramBotUsername?: string | null | undefined;
  whatsappBusinessNumber?: string | null | undefined;
}

/** The links that open a chat with Compagnon with an invite code ready to send; null where the channel is not configured. */
export interface InviteLinks {
  /** The bot's deep link: Telegram sends `/start <code>` when the person presses Start. */
  telegram: string | null;
  /** A wa.me link with the join text typed in, ready to send. */
  whatsapp: string | null;
}

/**
 * The Telegram deep link and the WhatsApp link of an invite code. `whatsappText` is the join text
 * in the language the link should carry ("REJOINDRE ABCD2345"): WhatsApp cannot start a chat with
 * a payload, so the person sends that text themselves.
 * @see https://core.telegram.org/bots/features#deep-linking
 * @see https://faq.whatsapp.com/5913398998672934
 */
export function inviteLinks(code: string, whatsappText: string, accounts: ChatAccounts): InviteLinks {
  return {
    telegram: accounts.telegramBotUsername ? `https://t.me/${accounts.telegramBotUsername}?start=${code}` : null,
    whatsapp: accounts.whatsappBusinessNumber
      ? `https://wa.me/${accounts.whatsappBusinessNumber}?text=${encodeURIComponent(whatsappText)}`
      : null,
  };
}

/** What a QR code of an invite opens: a channel's link, or the join text itself where no channel is configured. */
export interface InviteQrTarget {
  channel: 'telegram' | 'whatsapp' | 'text';
  value: string;
}

/**
 * What the QR codes of an invite encode, one per configured channel, Telegram first: in a workshop
 * room each person scans the one of the app they use, and the scan opens the chat with the code
 * ready. With no channel configured, the join text (a phone's camera shows it, to copy and send).
 */
export function inviteQrTargets(links: InviteLinks, joinText: string): InviteQrTarget[] {
  const targets: InviteQrTarget[] = [];
  if (links.telegram) targets.push({ channel: 'telegram', value: links.telegram });
  if (links.whatsapp) targets.push({ channel: 'whatsapp', value: links.whatsapp });
  return targets.length > 0 ? targets : [{ channel: 'text', value: joinText }];
}
