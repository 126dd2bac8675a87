import type { ChannelName } from '../../domain/inbound-event.ts';
import type { ConversationContext, Outgoing } from '../conversation-context.ts';
import type { AccountStore } from '../stores/account-store.ts';
import { SECRET_PURPOSE } from '../../domain/outbound-message.ts';
import { speakerFor, text } from '../speaker.ts';

/** The stores this file reads and changes. */
type DashboardContext = ConversationContext<AccountStore>;

/**
 * DASHBOARD / TABLEAU DE BORD: a fresh one-time sign-in link to the dashboard, for staff and
 * mentors with mentees; anyone else is told who it is for. `via`: the channel it was asked on.
 */
export async function dashboardLink(context: DashboardContext, via: ChannelName): Promise<Outgoing[]> {
  const { t } = speakerFor(context);
  const link = await context.store.dashboardLink(context.person.id, context.now(), via);
  if (!link.ok) {
    const key =
      link.reason === 'no_mentees'
        ? 'dashboard:chat_no_mentees'
        : link.reason === 'not_in_simulator'
          ? 'dashboard:chat_not_in_simulator'
          : 'dashboard:chat_staff_and_mentors_only';
    return [text(t(key))];
  }
  // The outbox keeps the link only until it is sent (see SECRET_PURPOSE).
  const message = link.url.startsWith('/')
    ? t('dashboard:chat_link_path', { path: link.url, minutes: link.minutes })
    : t('dashboard:chat_link', { url: link.url, minutes: link.minutes });
  return [{ ...text(message), purpose: SECRET_PURPOSE }];
}
