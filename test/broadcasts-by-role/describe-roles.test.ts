import { describe, expect, it } from 'vitest';
import { describeSegment, segmentFilterSchema } from '../../src/domain/segment.ts';

describe('describing a segment by role', () => {
  const names = { hubs: { bukavu: 'Bukavu' } };

  it('names one role as the only one, in both languages', () => {
    expect(describeSegment({ roles: ['trainer'] }, names, 'fr')).toBe(
      'formateurs uniquement (sauf les personnes désinscrites)',
    );
    expect(describeSegment({ roles: ['trainer'] }, names, 'en')).toBe('trainers only (except people who stopped)');
  });

  it('names several roles in their usual order, then the other fields', () => {
    expect(describeSegment({ roles: ['mentor', 'participant'] }, names, 'fr')).toBe(
      'participants et mentors (sauf les personnes désinscrites)',
    );
    expect(describeSegment({ roles: ['staff', 'trainer', 'mentor', 'participant'] }, names, 'en')).toBe(
      'participants, mentors, trainers and programme team (except people who stopped)',
    );
    expect(describeSegment({ roles: ['trainer'], hubIds: ['bukavu'], statuses: ['active'] }, names, 'fr')).toBe(
      'formateurs uniquement · hub Bukavu · statut actif',
    );
  });

  it('says nothing of roles for a segment that names none (participants, as always)', () => {
    expect(describeSegment({ hubIds: ['bukavu'] }, names, 'en')).toBe('hub Bukavu (except people who stopped)');
  });

  it('accepts only known roles, and at least one', () => {
    expect(segmentFilterSchema.safeParse({ roles: ['mentor', 'trainer'] }).success).toBe(true);
    expect(segmentFilterSchema.safeParse({ roles: ['teacher'] }).success).toBe(false);
    expect(segmentFilterSchema.safeParse({ roles: [] }).success).toBe(false);
  });
});
