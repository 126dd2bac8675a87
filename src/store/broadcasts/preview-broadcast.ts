import { personLanguage } from '../../domain/person-language.ts';
import { broadcastWording } from '../../domain/broadcast-wording.ts';
import type { Language, LocalizedText } from '../../domain/programme/language.ts';
import { parseProgrammeSettings } from '../../domain/programme/programme-settings.ts';
import { AUDIENCE_ROLES, DEFAULT_SEGMENT_ROLES, type AudienceRole, type SegmentFilter } from '../../domain/segment.ts';
import { isWindowOpen } from '../../domain/whatsapp-window.ts';
import type { Database } from '../database.ts';
import type { Prisma } from '../generated/client.ts';
import { countByRole, listAudience } from './segment-query.ts';

/** Where some readers of a wording are: their hub when they live on its clock, else their own zone. */
interface ReaderPlace {
  hubName: LocalizedText | null;
  timeZone: string;
  readers: number;
}

/** One wording of the broadcast, as a group of readers will see it. */
interface BroadcastVariant {
  language: Language;
  text: string;
  readers: number;
  /** Most readers first. */
  places: ReaderPlace[];
}

export interface BroadcastPreview {
  /** The roles the segment addresses, in their usual order. */
  roles: AudienceRole[];
  recipients: number;
  /** People of each role addressed (0 for a role nobody has); someone with two roles is in both. */
  byRole: Partial<Record<AudienceRole, number>>;
  /** WhatsApp recipients whose 24-hour window will be closed at `at`: they get the template first. */
  whatsappOutsideWindow: number;
  byChannel: Record<string, number>;
  /** Most readers first. */
  variants: BroadcastVariant[];
}

/**
 * What a broadcast would do if sent at `at` to the segment as it stands now: how many it
 * reaches (of each role), how many WhatsApp readers will get the template because their window is closed by
 * then (unless they write before), and each distinct text readers will see — in their
 * language, with the times it mentions (written in `timesZone`, else the programme's zone) in
 * their time zone, as the fan-out writes it — with where its readers are.
 */
export async function previewBroadcast(
  db: Prisma.TransactionClient | Database,
  request: {
    programmeId: string;
    filter: SegmentFilter;
    texts: Partial<Record<Language, string>>;
    timesZone?: string;
    at: Date;
    /** DEFAULT_LOCALE, for a programme whose first language Compagnon does not speak. */
    defaultLanguage: Language;
  },
): Promise<BroadcastPreview> {
  const programme = await db.programme.findUniqueOrThrow({
    where: { id: request.programmeId },
    select: { settings: true, defaultLocale: true },
  });
  const wording = broadcastWording({
    texts: request.texts,
    fallbackLanguage: personLanguage({ locale: null }, programme, request.defaultLanguage),
    timesZone: request.timesZone ?? parseProgrammeSettings(programme.settings).timeZone,
    sendsAt: request.at,
  });
  const audience = await listAudience(db, request.programmeId, request.filter);
  const variants = new Map<string, BroadcastVariant>();
  const byChannel: Record<string, number> = {};
  for (const member of audience) {
    byChannel[member.channel] = (byChannel[member.channel] ?? 0) + 1;
    const { language, text } = wording(member);
    const key = `${language}\u0000${text}`;
    const variant = variants.get(key) ?? { language, text, readers: 0, places: [] };
    variant.readers += 1;
    const hubName = member.hub?.timeZone === member.timeZone ? (member.hub.name as LocalizedText) : null;
    const place = variant.places.find(
      (p) => p.timeZone === member.timeZone && JSON.stringify(p.hubName) === JSON.stringify(hubName),
    );
    if (place) place.readers += 1;
    else variant.places.push({ hubName, timeZone: member.timeZone, readers: 1 });
    variants.set(key, variant);
  }
  for (const variant of variants.values()) variant.places.sort((a, b) => b.readers - a.readers);
  const roles = AUDIENCE_ROLES.filter((role) => (request.filter.roles ?? DEFAULT_SEGMENT_ROLES).includes(role));
  const counted = countByRole(audience);
  return {
    roles,
    recipients: audience.length,
    byRole: Object.fromEntries(roles.map((role) => [role, counted[role] ?? 0])),
    whatsappOutsideWindow: audience.filter(
      (m) => m.channel === 'whatsapp' && !isWindowOpen(m.lastInboundAt, request.at),
    ).length,
    byChannel,
    variants: [...variants.values()].sort((a, b) => b.readers - a.readers || a.language.localeCompare(b.language)),
  };
}
