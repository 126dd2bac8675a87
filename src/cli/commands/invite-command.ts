import { parseInviteExpiry } from '../../domain/invite-code.ts';
import { personLanguage } from '../../domain/person-language.ts';
import type { Language } from '../../domain/programme/language.ts';
import type { Config } from '../../config.ts';
import type { Translate } from '../../i18n.ts';
import { createInviteCodes, INVITE_ROLES, type InviteRole } from '../../store/invites/create-invite-codes.ts';
import type { Database } from '../../store/database.ts';
import { loadInviteCohort } from '../../store/invites/load-invite-cohort.ts';
import { CommandError, type Output } from '../output.ts';

export const ROLES = INVITE_ROLES;
/** More than this at once is almost certainly a typo. */
export const MAX_CODES_PER_CALL = 1000;

interface InviteOptions {
  cohort: string;
  role: string;
  count: string;
  maxUses: string;
  expires?: string;
}

/** `compagnon invite`: prints new codes, with a Telegram deep link and WhatsApp text where configured. */
export async function runInvite(
  options: InviteOptions,
  deps: {
    db: Database;
    out: Output;
    translate: Translate;
    /** DEFAULT_LOCALE: the codes' wording when the programme names no language. */
    defaultLanguage: Language;
    config: Pick<Config, 'TELEGRAM_BOT_USERNAME' | 'WHATSAPP_BUSINESS_NUMBER'>;
  },
): Promise<string[]> {
  const { role } = options;
  if (!isInviteRole(role)) throw new CommandError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
  const count = wholeNumber('--count', options.count, MAX_CODES_PER_CALL);
  const maxUses = wholeNumber('--max-uses', options.maxUses, 100_000);
  const cohort = await loadInviteCohort(deps.db, options.cohort);
  let expiresAt: Date | null = null;
  if (options.expires !== undefined) {
    expiresAt = parseInviteExpiry(options.expires, cohort.programme.settings.timeZone);
    if (!expiresAt) {
      throw new CommandError(
        `--expires must be a date (2027-02-01) or a date and time with its offset (2027-02-01T18:00+01:00); got "${options.expires}"`,
      );
    }
  }
  const codes = await createInviteCodes(deps.db, {
    cohortId: cohort.id,
    role,
    count,
    maxUses,
    expiresAt,
  });
  // The codes go to people not known yet: the programme's language, not anyone's own.
  const language = personLanguage({ locale: null }, cohort.programme, deps.defaultLanguage);
  deps.out.info(
    `${codes.length} ${options.role} code${codes.length > 1 ? 's' : ''} for cohort ${cohort.key} (${cohort.id})` +
      `${maxUses > 1 ? `, each usable ${maxUses} times` : ''}${expiresAt ? `, valid until ${expiresAt.toISOString()}` : ''}:`,
  );
  for (const code of codes) {
    const whatsappText = deps.translate(language, 'invite:whatsapp_text', { code });
    const lines = [code];
    if (deps.config.TELEGRAM_BOT_USERNAME)
      lines.push(`  Telegram: https://t.me/${deps.config.TELEGRAM_BOT_USERNAME}?start=${code}`);
    lines.push(`  WhatsApp: send "${whatsappText}"`);
    if (deps.config.WHATSAPP_BUSINESS_NUMBER) {
      lines.push(
        `  WhatsApp link: https://wa.me/${deps.config.WHATSAPP_BUSINESS_NUMBER}?text=${encodeURIComponent(whatsappText)}`,
      );
    }
    deps.out.info(lines.join('\n'));
  }
  return codes;
}

function isInviteRole(text: string): text is InviteRole {
  return (ROLES as readonly string[]).includes(text);
}

function wholeNumber(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CommandError(`${flag} must be a whole number from 1 to ${max} (got "${text}")`);
  }
  return value;
}
