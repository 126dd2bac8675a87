import type { Config } from '../../config.ts';
import { recordStaffAction } from '../../store/audit/record-staff-action.ts';
import { createSignInLink } from '../../store/access/sign-in-links.ts';
import type { Database } from '../../store/database.ts';
import { addStaffMember } from '../../store/people/add-staff-member.ts';
import { CommandError, type Output } from '../output.ts';
import { printSignInLink } from './admin-command.ts';

/** As long as a name typed when joining in chat may be. */
const NAME_MAX_LENGTH = 60;

/**
 * `compagnon staff add --name <name> --programme <id|key>`: a staff member who needs no chat
 * account to start, and their one-time sign-in link, printed as `admin:link` prints it (the link
 * alone on stdout). Running it twice with the same name makes two people: the second time says so.
 */
export async function runStaffAdd(
  options: { name: string; programme: string },
  deps: {
    db: Database;
    out: Output;
    now: () => Date;
    config: Pick<Config, 'PUBLIC_URL' | 'SIGN_IN_LINK_MINUTES' | 'PORT'>;
  },
): Promise<{ personId: string; link: string }> {
  const name = options.name.trim().replace(/\s+/g, ' ');
  if (name === '') throw new CommandError('--name must be the staff member\'s name, e.g. --name "Fatou Diop"');
  if (name.length > NAME_MAX_LENGTH)
    throw new CommandError(`--name must be at most ${NAME_MAX_LENGTH} characters (got ${name.length})`);
  const programme = options.programme.trim();
  if (programme === '') throw new CommandError('--programme must be a programme id or key');
  const now = deps.now();
  const added = await addStaffMember(deps.db, { name, programme, now });
  if (added.sameName > 0) {
    deps.out.error(
      `note: ${added.sameName} staff member(s) of ${added.programmeKey} already had the name "${name}"; ` +
        `this made another person. For a new link for an existing one, use compagnon admin:link --person <id>.`,
    );
  }
  deps.out.error(
    `${name} is now staff of ${added.programmeKey} (cohort${added.cohortKeys.length > 1 ? 's' : ''} ` +
      `${added.cohortKeys.join(', ')}); person id ${added.personId}. Once signed in, their profile (/admin/me) ` +
      `gives a join code to attach Telegram or WhatsApp. A new link: compagnon admin:link --person ${added.personId}`,
  );
  const link = await createSignInLink(deps.db, {
    personId: added.personId,
    now,
    validMinutes: deps.config.SIGN_IN_LINK_MINUTES,
  });
  if (!link.ok) throw new CommandError(`cannot make a dashboard link for ${added.personId}: ${link.reason}`);
  await recordStaffAction(deps.db, {
    actorId: null,
    action: 'dashboard.link',
    entity: 'Person',
    entityId: added.personId,
    details: { via: 'cli' },
  });
  return { personId: added.personId, link: printSignInLink(link.token, deps) };
}
