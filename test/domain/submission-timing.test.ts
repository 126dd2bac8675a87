import { describe, expect, it } from 'vitest';
import { answersCloseAt, classifyAnswerTime, exerciseIsOpen } from '../../src/domain/submission-timing.ts';

// Week 1 of the training in Abidjan (UTC+0): released Monday 11 January 2027 09:00, due Sunday 17 at 23:59.
const releaseAt = new Date('2027-01-11T09:00:00Z');
const deadlineAt = new Date('2027-01-17T23:59:00Z');
const rules = { deadlineAt, graceMinutes: 12 * 60, closesAfterMinutes: 7 * 24 * 60 };

const timing = (sentAt: string) => classifyAnswerTime({ ...rules, sentAt: new Date(sentAt) });

describe('classifying an answer by when it was sent', () => {
  it('counts the deadline and the grace as on time', () => {
    expect(timing('2027-01-12T10:00:00Z')).toBe('on-time');
    expect(timing('2027-01-17T23:59:00Z')).toBe('on-time');
    expect(timing('2027-01-18T11:59:00Z')).toBe('on-time');
    expect(timing('2027-01-18T11:59:00.001Z')).toBe('late');
  });

  it('counts answers after the grace as late until the exercise closes', () => {
    expect(timing('2027-01-18T12:00:00Z')).toBe('late');
    expect(timing('2027-01-24T23:59:00Z')).toBe('late');
    expect(timing('2027-01-24T23:59:00.001Z')).toBe('closed');
    expect(timing('2027-02-01T00:00:00Z')).toBe('closed');
  });

  it('judges a message written offline by when it was sent, not when it arrived', () => {
    // Written in a village on Sunday evening, delivered when the network came back on Wednesday.
    const sentAt = new Date('2027-01-17T20:00:00Z');
    const receivedAt = new Date('2027-01-20T08:00:00Z');
    expect(classifyAnswerTime({ ...rules, sentAt })).toBe('on-time');
    expect(classifyAnswerTime({ ...rules, sentAt: receivedAt })).toBe('late');
  });

  it('has no grace when the programme gives none', () => {
    const strict = { ...rules, graceMinutes: 0 };
    expect(classifyAnswerTime({ ...strict, sentAt: deadlineAt })).toBe('on-time');
    expect(classifyAnswerTime({ ...strict, sentAt: new Date('2027-01-18T00:00:00Z') })).toBe('late');
  });

  it('never closes an answer sent within the grace, even with a shorter closing', () => {
    const odd = { ...rules, graceMinutes: 120, closesAfterMinutes: 60 };
    expect(classifyAnswerTime({ ...odd, sentAt: new Date('2027-01-18T01:30:00Z') })).toBe('on-time');
    expect(classifyAnswerTime({ ...odd, sentAt: new Date('2027-01-18T02:00:00Z') })).toBe('closed');
  });

  it('counts grace in elapsed time across a daylight-saving change', () => {
    // Paris springs forward on Sunday 28 March 2027 at 02:00; the grace still lasts 12 real hours.
    const paris = { deadlineAt: new Date('2027-03-27T22:59:00Z'), graceMinutes: 12 * 60, closesAfterMinutes: 24 * 60 };
    expect(classifyAnswerTime({ ...paris, sentAt: new Date('2027-03-28T10:59:00Z') })).toBe('on-time');
    expect(classifyAnswerTime({ ...paris, sentAt: new Date('2027-03-28T11:00:00Z') })).toBe('late');
  });
});

describe('whether an exercise takes answers', () => {
  const open = (now: string) => exerciseIsOpen(new Date(now), releaseAt, deadlineAt, rules.closesAfterMinutes);

  it('opens at its release and closes after the closing delay, both included', () => {
    expect(open('2027-01-11T08:59:59Z')).toBe(false);
    expect(open('2027-01-11T09:00:00Z')).toBe(true);
    expect(open('2027-01-20T12:00:00Z')).toBe(true);
    expect(open('2027-01-24T23:59:00Z')).toBe(true);
    expect(open('2027-01-24T23:59:01Z')).toBe(false);
  });

  it('agrees with the classification at the closing instant', () => {
    const closesAt = answersCloseAt(deadlineAt, rules.closesAfterMinutes);
    expect(closesAt.toISOString()).toBe('2027-01-24T23:59:00.000Z');
    expect(classifyAnswerTime({ ...rules, sentAt: closesAt })).toBe('late');
    expect(exerciseIsOpen(closesAt, releaseAt, deadlineAt, rules.closesAfterMinutes)).toBe(true);
  });
});
