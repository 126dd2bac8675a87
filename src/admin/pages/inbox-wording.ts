import type { HelpLevel, HelpStatus } from '../../domain/help-desk/help-routing.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import type { AdminTranslate } from '../layout.ts';
import { localizedText } from '../localized-text.ts';

/** Words of the inbox and the conversation page, shared by both. */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How many words of the last message the inbox shows. */
const FIRST_WORDS = 12;

/** A conversation's status for people: who is waiting for whom. */
export function statusWords(t: AdminTranslate, status: HelpStatus): string {
  return t(`dashboard-inbox:status.${status}`);
}

/** Who answers: the one person who took it, else everyone of its level ("the Bukavu trainers"). */
export function assigneeWords(
  t: AdminTranslate,
  language: Language,
  conversation: {
    level: HelpLevel;
    assignee: { displayName: string | null } | null;
    hub: { name: LocalizedText } | null;
  },
): string {
  if (conversation.assignee) return conversation.assignee.displayName ?? t('dashboard-inbox:conversation.someone');
  if (conversation.level === 'trainer')
    return conversation.hub
      ? t('dashboard-inbox:assignee.trainer', { hub: localizedText(conversation.hub.name, language) })
      : t('dashboard-inbox:assignee.trainer_no_hub');
  return t(`dashboard-inbox:assignee.${conversation.level}`);
}

/** How long the person has waited for the team, in the largest whole unit ("for 3 hours"). */
export function waitedWords(t: AdminTranslate, waitingSince: Date, now: Date): string {
  const waited = Math.max(0, now.getTime() - waitingSince.getTime());
  if (waited >= DAY) return t('dashboard-inbox:waited.days', { count: Math.floor(waited / DAY) });
  if (waited >= HOUR) return t('dashboard-inbox:waited.hours', { count: Math.floor(waited / HOUR) });
  // Under a minute, "for 0 minutes" reads oddly: it came just now.
  if (waited < MINUTE) return t('dashboard-inbox:waited.just_now');
  return t('dashboard-inbox:waited.minutes', { count: Math.floor(waited / MINUTE) });
}

/** What a file is, for people: photo, voice note, video or document. */
export function mediaWords(t: AdminTranslate, mimeType: string): string {
  return t(`dashboard-inbox:media.${mediaShape(mimeType)}`);
}

/** How the page shows a file: an image in the page, a player, or a link. */
export function mediaShape(mimeType: string): 'photo' | 'voice' | 'video' | 'document' {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  if (/^image\/(jpeg|png|webp|gif)$/.test(type)) return 'photo';
  if (type.startsWith('audio/')) return 'voice';
  if (type.startsWith('video/')) return 'video';
  return 'document';
}

/** The first words of a message, or what its file is when it has no words. */
export function firstWords(t: AdminTranslate, message: { text: string | null; mimeType: string | null }): string {
  const words = message.text?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (words.length === 0) return message.mimeType ? mediaWords(t, message.mimeType) : '';
  return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(' ')}…` : words.join(' ');
}
