import type { Language } from '../domain/programme/language.ts';
import type { Translate } from '../i18n.ts';
import type { JobQueues } from '../jobs/job-queues.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../store/database.ts';

/** What the dashboard's routes are given. */
export interface AdminDependencies {
  db: Database;
  queues: JobQueues;
  translate: Translate;
  defaultLanguage: Language;
  logger: Logger;
  now: () => Date;
  /** Where media files are stored (MEDIA_DIR), to show photos and play voice notes. */
  mediaDir: string;
  /** MEDIA_MAX_BYTES: the largest file the team may attach to an answer, as for files people send (25 MB when unset). */
  mediaMaxBytes?: number;
  /** The address people reach the service at (PUBLIC_URL), for sign-in links; null when unset. */
  publicUrl: string | null;
  /** Set the Secure flag on cookies (behind TLS: PUBLIC_URL is https). */
  secureCookies: boolean;
  /**
   * DASHBOARD_OPERATORS: the staff (person ids) who may change the job queues — retry, remove,
   * pause, clean — at /admin/queues/manage. Other staff see the queues read-only; none when unset.
   */
  queueOperatorIds?: readonly string[];
  /** TELEGRAM_BOT_USERNAME and WHATSAPP_BUSINESS_NUMBER: invites show their links where set. */
  chatAccounts?: { telegramBotUsername: string | null; whatsappBusinessNumber: string | null };
  /** PUBLIC_URL and CALENDAR_SECRET, when both are set: announcements made here link to each person's calendar file. */
  calendar?: { publicUrl: string; secret: string };
}
