import type { ProgrammeFilePath as Path } from './programme-file-path.ts';
import type { ProgrammeFile } from './programme-schema.ts';
import { localDateTimeInstant, missingHourError, parseLocalDateTime, readAnnounce } from './local-date-time.ts';

type SessionInFile = ProgrammeFile['sessions'][number];

/**
 * Rules of `sessions:` that need the rest of the file: the hubs and cohorts named exist, each
 * session is held at venues or online (not both), a hub has one venue per session, hours exist in
 * their zone and a session ends after it starts. Duplicate ids are checked with the others.
 */
export function crossCheckSessions(file: ProgrammeFile): [Path, string][] {
  const problems: [Path, string][] = [];
  const hubs = new Map(file.hubs.map((hub) => [hub.id, hub]));
  const cohorts = new Set(file.cohorts.map((cohort) => cohort.id));
  const countries = new Set(file.hubs.map((hub) => hub.country));
  const hubList = file.hubs.map((hub) => hub.id).join(', ');

  file.sessions.forEach((session, index) => {
    const at: Path = ['sessions', index];
    const audience = session.audience;
    audience?.hub?.forEach((hub, h) => {
      if (!hubs.has(hub))
        problems.push([[...at, 'audience', 'hub', h], `no hub has the id "${hub}" (hubs: ${hubList})`]);
    });
    audience?.cohort?.forEach((cohort, c) => {
      if (!cohorts.has(cohort))
        problems.push([
          [...at, 'audience', 'cohort', c],
          `no cohort has the id "${cohort}" (cohorts: ${[...cohorts].join(', ')})`,
        ]);
    });
    audience?.country?.forEach((country, c) => {
      if (!countries.has(country))
        problems.push([
          [...at, 'audience', 'country', c],
          `no hub is in the country "${country}" (countries: ${[...countries].join(', ')})`,
        ]);
    });

    if (session.venues && session.online) {
      problems.push([
        [...at, 'online'],
        'a session is held either at `venues` (one per hub) or `online`, not both: make two sessions',
      ]);
      return;
    }
    if (!session.venues && !session.online) {
      problems.push([[...at, 'id'], 'a session needs `venues` (one per hub) or `online` (a link)']);
      return;
    }
    const starts: Date[] = [];
    const seen = new Map<string, number>();
    session.venues?.forEach((venue, v) => {
      const first = seen.get(venue.hub);
      if (first !== undefined) {
        problems.push([
          [...at, 'venues', v, 'hub'],
          `the hub "${venue.hub}" already has a venue in this session (venues[${first}]): one venue per hub`,
        ]);
      } else seen.set(venue.hub, v);
      const hub = hubs.get(venue.hub);
      if (!hub) {
        problems.push([[...at, 'venues', v, 'hub'], `no hub has the id "${venue.hub}" (hubs: ${hubList})`]);
        return;
      }
      const start = checkHours(venue, hub.time_zone, [...at, 'venues', v], problems);
      if (start) starts.push(start);
    });
    if (session.online) {
      const start = checkHours(session.online, session.online.time_zone ?? file.time_zone, [...at, 'online'], problems);
      if (start) starts.push(start);
    }
    problems.push(...checkAnnounce(session, file.time_zone, starts, at));
  });
  return problems;
}

/** The start as an instant when both hours exist and the end comes after it; else a problem, and null. */
function checkHours(
  hours: { starts: string; ends: string },
  zone: string,
  at: Path,
  problems: [Path, string][],
): Date | null {
  const starts = parseLocalDateTime(hours.starts);
  const ends = parseLocalDateTime(hours.ends);
  if (starts === null || ends === null) return null;
  const startsAt = localDateTimeInstant(starts, zone);
  const endsAt = localDateTimeInstant(ends, zone);
  if (startsAt === null) problems.push([[...at, 'starts'], missingHourError(starts, zone)]);
  if (endsAt === null) problems.push([[...at, 'ends'], missingHourError(ends, zone)]);
  if (startsAt === null || endsAt === null) return null;
  if (endsAt <= startsAt) {
    problems.push([[...at, 'ends'], `ends (${hours.ends}) before it starts (${hours.starts}), in ${zone}`]);
    return null;
  }
  return startsAt;
}

function checkAnnounce(session: SessionInFile, zone: string, starts: Date[], at: Path): [Path, string][] {
  if (session.announce === undefined) return [];
  const read = readAnnounce(session.announce, zone);
  if (!read.ok) return [[[...at, 'announce'], read.error]];
  if (!('at' in read.rule) || starts.length === 0) return [];
  const earliest = Math.min(...starts.map((start) => start.getTime()));
  return read.rule.at.getTime() >= earliest
    ? [[[...at, 'announce'], `the announcement (${session.announce}) would come after the session starts`]]
    : [];
}
