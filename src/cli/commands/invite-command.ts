import { DateTime } from 'luxon';
import { parseInviteExpiry } from '../../domain/invite-code.ts';
import { inviteLinks } from '../../domain/invite-links.ts';
import { personLanguage } from '../../domain/person-language.ts';
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, type Language } from '../../domain/programme/language.ts';
import type { Config } from '../../config.ts';
import type { Translate } from '../../i18n.ts';
import { createInviteCodes, INVITE_ROLES, type InviteRole } from '../../store/invites/create-invite-codes.ts';
import type { Database } from '../../store/database.ts';
import { listCohortChoices } from '../../store/cohorts/list-cohort-choices.ts';
import { loadInviteCohort } from '../../store/invites/load-invite-cohort.ts';
import { CommandError, type Output } from '../output.ts';

interface InviteOptions {
  /** The cohort's id or key; optional when there is only one cohort. */
  cohort?: string;
  role: string;
  /** The hub's key, for a trainer invite (required then, refused for the other roles). */
  hub?: string;
  count: string;
  maxUses: string;
  expires?: string;
  /** More than this at once is almost certainly a typo. */
  maxCodes: number;
}

/**
 * `compagnon invite`: prints new codes, each with the text a person sends to join, in French and
 * in English, and the Telegram and WhatsApp links where those channels are configured.
 */
export async function runInvite(
  options: InviteOptions,
  deps: {
    db: Database;
    out: Output;
    translate: Translate;
    /** DEFAULT_LOCALE: the codes' wording when the programme names no language. */
    defaultLanguage: Language;
    now: () => Date;
    config: Pick<Config, 'TELEGRAM_BOT_USERNAME' | 'WHATSAPP_BUSINESS_NUMBER'>;
  },
): Promise<string[]> {
  const { role } = options;
  if (!isInviteRole(role)) throw new CommandError(`--role must be one of ${INVITE_ROLES.join(', ')} (got "${role}")`);
  const count = wholeNumber('--count', options.count, options.maxCodes);
  const maxUses = wholeNumber('--max-uses', options.maxUses, 100_000);
  const cohort = await loadInviteCohort(deps.db, options.cohort ?? (await onlyCohort(deps.db)));
  const hub = inviteHub(role, options.hub, cohort.hubs);
  const { timeZone } = cohort.programme.settings;
  let expiresAt: Date | null = null;
  if (options.expires !== undefined) {
    expiresAt = parseInviteExpiry(options.expires, timeZone);
    if (!expiresAt) {
      throw new CommandError(
        `--expires must be a date (2027-02-01) or a date and time with its offset (2027-02-01T18:00+01:00); got "${options.expires}"`,
      );
    }
    if (expiresAt <= deps.now()) {
      throw new CommandError(
        `--expires ${options.expires} is already past (it is ${localTime(deps.now(), timeZone)} now): give a later date`,
      );
    }
  }
  const codes = await createInviteCodes(deps.db, {
    cohortId: cohort.id,
    role,
    hubId: hub?.id ?? null,
    count,
    maxUses,
    expiresAt,
  });
  deps.out.info(
    `${codes.length} ${options.role} code${codes.length > 1 ? 's' : ''} for cohort ${cohort.key} (${cohort.id})` +
      `${maxUses > 1 ? `, each usable ${maxUses} times` : ''}${expiresAt ? `, valid until ${localTime(expiresAt, timeZone)}` : ''}:`,
  );
  if (hub) {
    deps.out.info(
      `Trainer invite for hub ${hub.key}: whoever joins with it runs ${hub.key} (its participants, sessions and help desk).`,
    );
  }
  // The codes go to people not known yet, who may write in either language: both texts work.
  // The WhatsApp link carries one, in the programme's language.
  const linkLanguage = personLanguage({ locale: null }, cohort.programme, deps.defaultLanguage);
  for (const code of codes) {
    const texts = SUPPORTED_LANGUAGES.map(
      (language) => `"${deps.translate(language, 'invite:whatsapp_text', { code })}" (${LANGUAGE_NAMES[language]})`,
    );
    const lines = [code, `  to join, send ${texts.join(' or ')}`];
    const links = inviteLinks(code, deps.translate(linkLanguage, 'invite:whatsapp_text', { code }), {
      telegramBotUsername: deps.config.TELEGRAM_BOT_USERNAME,
      whatsappBusinessNumber: deps.config.WHATSAPP_BUSINESS_NUMBER,
    });
    if (links.telegram) lines.push(`  Telegram: ${links.telegram}`);
    if (links.whatsapp) lines.push(`  WhatsApp: ${links.whatsapp}`);
    deps.out.info(lines.join('\n'));
  }
  return codes;
}

/**
 * The hub a trainer invite attaches to: required for trainers, one hub per code (a trainer of
 * several hubs joins with one code per hub); refused for the other roles, since participants and
 * mentors choose their hub themselves when they join.
 */
function inviteHub(
  role: InviteRole,
  reference: string | undefined,
  hubs: { id: string; key: string }[],
): { id: string; key: string } | null {
  const names = hubs.map((hub) => hub.key).join(', ');
  if (role !== 'trainer') {
    if (reference === undefined) return null;
    throw new CommandError(`--hub is for trainer invites only: a ${role} chooses their hub when joining`);
  }
  if (reference === undefined || reference.trim() === '') {
    throw new CommandError(`a trainer invite needs --hub, the hub they run (one of ${names})`);
  }
  if (reference.includes(',')) {
    throw new CommandError(
      `--hub takes one hub: run invite once per hub (${reference
        .split(',')
        .map((key) => key.trim())
        .join(', then ')}); the trainer joins with each code`,
    );
  }
  const hub = hubs.find((candidate) => candidate.key === reference.trim());
  if (!hub) throw new CommandError(`no hub "${reference}" in this programme: use one of ${names}`);
  return hub;
}

/** The id of the only cohort there is; with none or several, says what to do. */
async function onlyCohort(db: Database): Promise<string> {
  const cohorts = await listCohortChoices(db);
  const [first, ...others] = cohorts;
  if (!first) throw new CommandError('there is no cohort yet: import a programme first (compagnon import <file>)');
  if (others.length > 0) {
    const names = cohorts.map((cohort) => `${cohort.key} (${cohort.programmeKey})`).join(', ');
    throw new CommandError(`there are ${cohorts.length} cohorts: say which with --cohort (${names})`);
  }
  return first.id;
}

/** An instant as the programme's people read it: "1 February 2027 at 23:59 (Europe/Paris time)". */
function localTime(instant: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-GB');
  return `${local.toFormat("d LLLL yyyy 'at' HH:mm")} (${timeZone} time)`;
}

function isInviteRole(text: string): text is InviteRole {
  return (INVITE_ROLES as readonly string[]).includes(text);
}

function wholeNumber(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CommandError(`${flag} must be a whole number from 1 to ${max} (got "${text}")`);
  }
  return value;
}
