import { describe, expect, it } from 'vitest';
import { ANSWER_SKIP_CHOICE_ID, answerChoiceId } from '../../../src/domain/answer/answer-choice-id.ts';
import type { AnswerableQuestion, AnswerInput } from '../../../src/domain/answer/answer-reading.ts';
import { readAnswer } from '../../../src/domain/answer/read-answer.ts';

const text = (value: string): AnswerInput => ({ kind: 'text', text: value });
const choice = (choiceId: string): AnswerInput => ({ kind: 'choice', choiceId });

function question(overrides: Partial<AnswerableQuestion>): AnswerableQuestion {
  return { type: 'text', required: true, options: null, min: null, max: null, ...overrides };
}

const stage = question({
  type: 'choice',
  options: [
    { key: 'idee', label: 'Une idée' },
    { key: 'prototype', label: 'Un prototype' },
    { key: 'lance', label: 'Lancé, avec des utilisateurs' },
  ],
});

const channels = question({
  type: 'multi_choice',
  options: [
    { key: 'radio', label: 'Radio' },
    { key: 'whatsapp', label: 'WhatsApp' },
    { key: 'facebook', label: 'Facebook' },
    { key: 'bouche-a-oreille', label: 'Bouche-à-oreille' },
  ],
});

const roles = question({
  type: 'multi_choice',
  min: 1,
  max: 2,
  options: [
    { key: 'coordination', label: 'Coordination' },
    { key: 'suivi', label: 'Suivi et évaluation' },
    { key: 'terrain', label: 'Terrain' },
  ],
});

const confidence = question({ type: 'scale', min: 1, max: 5 });
const users = question({ type: 'number', min: 0 });

describe('text questions', () => {
  it('keeps the text without the spaces around it', () => {
    expect(readAnswer(question({}), text('  Pour apprendre.\nEt rencontrer.  '))).toEqual({
      kind: 'value',
      value: { text: 'Pour apprendre.\nEt rencontrer.' },
    });
  });

  it('refuses media and buttons', () => {
    expect(readAnswer(question({}), { kind: 'media', mediaKind: 'photo' })).toEqual({
      kind: 'problem',
      problem: { kind: 'expected-text' },
    });
    expect(readAnswer(question({}), choice(answerChoiceId('x')))).toEqual({
      kind: 'problem',
      problem: { kind: 'expected-text' },
    });
  });

  it('calls a blank message empty', () => {
    expect(readAnswer(question({}), text(' \n '))).toEqual({ kind: 'problem', problem: { kind: 'empty' } });
  });
});

describe('skipping', () => {
  const optional = question({ required: false });

  it.each(['skip', 'SKIP', 'Passer', 'passer.', 'sauter', 'Sautér', 'je passe', '-', '–', '—', ' - '])(
    'skips an optional question on "%s"',
    (word) => {
      expect(readAnswer(optional, text(word))).toEqual({ kind: 'skip' });
    },
  );

  it('skips with the skip button', () => {
    expect(readAnswer(question({ type: 'photo', required: false }), choice(ANSWER_SKIP_CHOICE_ID))).toEqual({
      kind: 'skip',
    });
  });

  it('refuses to skip a required question, by word or button', () => {
    expect(readAnswer(question({}), text('passer'))).toEqual({ kind: 'problem', problem: { kind: 'cannot-skip' } });
    expect(readAnswer(stage, choice(ANSWER_SKIP_CHOICE_ID))).toEqual({
      kind: 'problem',
      problem: { kind: 'cannot-skip' },
    });
  });

  it('reads a skip word inside a longer answer as an answer', () => {
    expect(readAnswer(optional, text('je passe mon tour, désolé'))).toEqual({
      kind: 'value',
      value: { text: 'je passe mon tour, désolé' },
    });
  });

  it('picks an option labelled like a skip word rather than skipping', () => {
    const withSkipOption = question({
      type: 'choice',
      required: false,
      options: [
        { key: 'go', label: 'Go' },
        { key: 'pass', label: 'Passer' },
      ],
    });
    expect(readAnswer(withSkipOption, text('passer'))).toEqual({ kind: 'value', value: { choices: ['pass'] } });
  });
});

describe('choice questions', () => {
  it('takes its own buttons', () => {
    expect(readAnswer(stage, choice('a:prototype'))).toEqual({ kind: 'value', value: { choices: ['prototype'] } });
  });

  it('refuses a button that is not one of its options', () => {
    expect(readAnswer(stage, choice('a:oui'))).toEqual({
      kind: 'problem',
      problem: { kind: 'unknown-choice', optionCount: 3 },
    });
    expect(readAnswer(stage, choice('lang:fr'))).toEqual({
      kind: 'problem',
      problem: { kind: 'unknown-choice', optionCount: 3 },
    });
  });

  it.each([
    ['2', 'prototype'],
    [' 3 ', 'lance'],
    ['1.', 'idee'],
    ['(2)', 'prototype'],
    ['un prototype', 'prototype'],
    ['UNE IDEE', 'idee'],
    ['lance avec des utilisateurs', 'lance'],
    ['Lancé, avec des utilisateurs !', 'lance'],
    ['1. Une idée', 'idee'],
  ])('reads "%s" as %s', (typed, key) => {
    expect(readAnswer(stage, text(typed))).toEqual({ kind: 'value', value: { choices: [key] } });
  });

  it('calls a number outside the list an unknown choice', () => {
    for (const typed of ['0', '4', '12']) {
      expect(readAnswer(stage, text(typed))).toEqual({
        kind: 'problem',
        problem: { kind: 'unknown-choice', optionCount: 3 },
      });
    }
  });

  it('asks for a choice when the text is no option', () => {
    for (const typed of ['peut-être', 'une idee geniale', 'lance']) {
      expect(readAnswer(stage, text(typed))).toEqual({
        kind: 'problem',
        problem: { kind: 'expected-choice', optionCount: 3 },
      });
    }
    expect(readAnswer(stage, { kind: 'media', mediaKind: 'voice' })).toEqual({
      kind: 'problem',
      problem: { kind: 'expected-choice', optionCount: 3 },
    });
  });

  it('refuses two picks for one choice', () => {
    expect(readAnswer(stage, text('1 et 2'))).toEqual({
      kind: 'problem',
      problem: { kind: 'too-many-choices', max: 1 },
    });
  });

  it('reads an option number even when labels are numbers', () => {
    const often = question({
      type: 'choice',
      options: [
        { key: 'never', label: '0' },
        { key: 'some', label: '1-2' },
        { key: 'many', label: '3+' },
      ],
    });
    expect(readAnswer(often, text('2'))).toEqual({ kind: 'value', value: { choices: ['some'] } });
    expect(readAnswer(often, text('1-2'))).toEqual({ kind: 'problem', problem: { kind: 'too-many-choices', max: 1 } });
  });
});

describe('multi-choice questions', () => {
  it.each([
    ['1, 3', ['radio', 'facebook']],
    ['1 et 3', ['radio', 'facebook']],
    ['3 and 1', ['radio', 'facebook']],
    ['1 3', ['radio', 'facebook']],
    ['1,3', ['radio', 'facebook']],
    ['1;2;4', ['radio', 'whatsapp', 'bouche-a-oreille']],
    ['Radio, WhatsApp', ['radio', 'whatsapp']],
    ['bouche a oreille et radio', ['radio', 'bouche-a-oreille']],
    ['whatsapp & 1', ['radio', 'whatsapp']],
    ['2, 2, whatsapp', ['whatsapp']],
    ['4', ['bouche-a-oreille']],
  ])('reads "%s"', (typed, keys) => {
    expect(readAnswer(channels, text(typed))).toEqual({ kind: 'value', value: { choices: keys } });
  });

  it('keeps a label containing "et" whole', () => {
    expect(readAnswer(roles, text('suivi et evaluation'))).toEqual({ kind: 'value', value: { choices: ['suivi'] } });
    expect(readAnswer(roles, text('Terrain et Suivi et évaluation'))).toEqual({
      kind: 'value',
      value: { choices: ['suivi', 'terrain'] },
    });
  });

  it('prefers the longest label when one label starts another', () => {
    const radios = question({
      type: 'multi_choice',
      options: [
        { key: 'radio', label: 'Radio' },
        { key: 'community', label: 'Radio communautaire' },
      ],
    });
    expect(readAnswer(radios, text('radio communautaire'))).toEqual({
      kind: 'value',
      value: { choices: ['community'] },
    });
    expect(readAnswer(radios, text('Radio, radio communautaire'))).toEqual({
      kind: 'value',
      value: { choices: ['radio', 'community'] },
    });
  });

  it('holds the number of picks within min and max', () => {
    expect(readAnswer(roles, text('1, 2, 3'))).toEqual({
      kind: 'problem',
      problem: { kind: 'too-many-choices', max: 2 },
    });
    const atLeastTwo = { ...roles, min: 2, max: 3 };
    expect(readAnswer(atLeastTwo, text('1'))).toEqual({
      kind: 'problem',
      problem: { kind: 'too-few-choices', min: 2 },
    });
    expect(readAnswer(atLeastTwo, choice('a:terrain'))).toEqual({
      kind: 'problem',
      problem: { kind: 'too-few-choices', min: 2 },
    });
  });

  it('allows every option when there is no max', () => {
    expect(readAnswer(channels, text('1 2 3 4'))).toEqual({
      kind: 'value',
      value: { choices: ['radio', 'whatsapp', 'facebook', 'bouche-a-oreille'] },
    });
  });

  it('takes one button as one pick', () => {
    expect(readAnswer(channels, choice('a:facebook'))).toEqual({ kind: 'value', value: { choices: ['facebook'] } });
  });

  it('explains what it cannot read', () => {
    expect(readAnswer(channels, text('1 et 5'))).toEqual({
      kind: 'problem',
      problem: { kind: 'unknown-choice', optionCount: 4 },
    });
    expect(readAnswer(channels, text('radio et télé'))).toEqual({
      kind: 'problem',
      problem: { kind: 'expected-choice', optionCount: 4 },
    });
    expect(readAnswer(channels, text('et'))).toEqual({
      kind: 'problem',
      problem: { kind: 'expected-choice', optionCount: 4 },
    });
  });
});

describe('scale questions', () => {
  it('takes a button or a whole number within the scale', () => {
    expect(readAnswer(confidence, choice(answerChoiceId('4')))).toEqual({ kind: 'value', value: { number: 4 } });
    for (const [typed, number] of [
      ['1', 1],
      [' 5 ', 5],
      ['4/5', 4],
      ['4 / 5', 4],
      ['4 sur 5', 4],
      ['3 out of 5', 3],
    ] as const) {
      expect(readAnswer(confidence, text(typed))).toEqual({ kind: 'value', value: { number } });
    }
  });

  it('refuses numbers outside the scale, or out of another total', () => {
    for (const typed of ['0', '6', '-1', '8/10', '4 sur 10']) {
      expect(readAnswer(confidence, text(typed))).toEqual({
        kind: 'problem',
        problem: { kind: 'out-of-range', min: 1, max: 5 },
      });
    }
    expect(readAnswer(confidence, choice('a:9'))).toEqual({
      kind: 'problem',
      problem: { kind: 'out-of-range', min: 1, max: 5 },
    });
  });

  it('asks for a whole number otherwise', () => {
    const expected = { kind: 'problem', problem: { kind: 'expected-number', min: 1, max: 5, wholeNumber: true } };
    for (const typed of ['3,5', 'quatre', 'bof']) expect(readAnswer(confidence, text(typed))).toEqual(expected);
    expect(readAnswer(confidence, choice('a:oui'))).toEqual(expected);
    expect(readAnswer(confidence, { kind: 'media', mediaKind: 'voice' })).toEqual(expected);
  });
});

describe('number questions', () => {
  it.each([
    ['12', 12],
    ['0', 0],
    ['3,5', 3.5],
    ['3.5', 3.5],
    ['1 200', 1200],
    ['1\u00A0200', 1200],
    ['1\u202F200', 1200],
    ['1\u2009200 000', 1200000],
    ['1 200,5', 1200.5],
    ['1.200.000', 1200000],
    ['1,200,000', 1200000],
    ['1.200,50', 1200.5],
    ['1,200.50', 1200.5],
    ['0,500', 0.5],
    [',5', 0.5],
    ['+7', 7],
  ])('reads "%s" as %d', (typed, number) => {
    expect(readAnswer(users, text(typed))).toEqual({ kind: 'value', value: { number } });
  });

  it('reads negative numbers when the bounds allow them', () => {
    const temperature = question({ type: 'number' });
    expect(readAnswer(temperature, text('-3'))).toEqual({ kind: 'value', value: { number: -3 } });
    expect(readAnswer(temperature, text('\u22123,5'))).toEqual({ kind: 'value', value: { number: -3.5 } });
    expect(readAnswer(users, text('-3'))).toEqual({
      kind: 'problem',
      problem: { kind: 'out-of-range', min: 0, max: null },
    });
  });

  it('asks back when "1,200" could be 1.2 or 1200', () => {
    expect(readAnswer(users, text('1,200'))).toEqual({
      kind: 'problem',
      problem: { kind: 'ambiguous-number', readings: [1.2, 1200] },
    });
    expect(readAnswer(users, text('1.200'))).toEqual({
      kind: 'problem',
      problem: { kind: 'ambiguous-number', readings: [1.2, 1200] },
    });
  });

  it('lets the bounds settle an ambiguous number', () => {
    expect(readAnswer(question({ type: 'number', min: 0, max: 100 }), text('1,200'))).toEqual({
      kind: 'value',
      value: { number: 1.2 },
    });
    expect(readAnswer(question({ type: 'number', min: 10 }), text('1.200'))).toEqual({
      kind: 'value',
      value: { number: 1200 },
    });
    expect(readAnswer(question({ type: 'number', min: 2, max: 100 }), text('1,200'))).toEqual({
      kind: 'problem',
      problem: { kind: 'out-of-range', min: 2, max: 100 },
    });
  });

  it('refuses what is not a number', () => {
    for (const typed of [
      'douze',
      '12 personnes',
      '1 2',
      '12 00',
      '1.2.3',
      '1,2.3',
      '3,',
      '1e5',
      '0x10',
      '9'.repeat(400),
    ]) {
      expect(readAnswer(users, text(typed))).toEqual({
        kind: 'problem',
        problem: { kind: 'expected-number', min: 0, max: null, wholeNumber: false },
      });
    }
    expect(readAnswer(users, choice('a:3'))).toMatchObject({ kind: 'problem', problem: { kind: 'expected-number' } });
  });

  it('holds the number within min and max', () => {
    const bounded = question({ type: 'number', min: 1, max: 10 });
    expect(readAnswer(bounded, text('10'))).toEqual({ kind: 'value', value: { number: 10 } });
    expect(readAnswer(bounded, text('10,5'))).toEqual({
      kind: 'problem',
      problem: { kind: 'out-of-range', min: 1, max: 10 },
    });
    expect(readAnswer(bounded, text('0,99'))).toEqual({
      kind: 'problem',
      problem: { kind: 'out-of-range', min: 1, max: 10 },
    });
  });
});

describe('media questions', () => {
  it.each(['photo', 'voice', 'video', 'document'] as const)('takes a %s for a %s question', (kind) => {
    expect(readAnswer(question({ type: kind }), { kind: 'media', mediaKind: kind })).toEqual({
      kind: 'value',
      value: { media: true },
    });
  });

  it('takes a photo, video or recording sent as a file', () => {
    expect(
      readAnswer(question({ type: 'photo' }), { kind: 'media', mediaKind: 'document', mimeType: 'image/png' }),
    ).toEqual({ kind: 'value', value: { media: true } });
    expect(
      readAnswer(question({ type: 'video' }), { kind: 'media', mediaKind: 'document', mimeType: 'video/mp4' }),
    ).toEqual({ kind: 'value', value: { media: true } });
    expect(
      readAnswer(question({ type: 'voice' }), { kind: 'media', mediaKind: 'document', mimeType: 'Audio/MP4' }),
    ).toEqual({ kind: 'value', value: { media: true } });
  });

  it('names the expected kind when the media or file type is wrong', () => {
    const cases = [
      ['photo', { kind: 'media', mediaKind: 'video' }],
      ['photo', { kind: 'media', mediaKind: 'document', mimeType: 'application/pdf' }],
      ['photo', { kind: 'media', mediaKind: 'document' }],
      ['voice', { kind: 'media', mediaKind: 'video' }],
      ['voice', { kind: 'media', mediaKind: 'document', mimeType: 'video/mp4' }],
      ['video', { kind: 'media', mediaKind: 'photo' }],
      ['document', { kind: 'media', mediaKind: 'photo', mimeType: 'image/jpeg' }],
      ['document', text('voici mon document')],
      ['voice', choice('a:x')],
    ] as const;
    for (const [type, input] of cases) {
      expect(readAnswer(question({ type }), input)).toEqual({ kind: 'problem', problem: { kind: `expected-${type}` } });
    }
  });

  it('skips an optional media question with a skip word', () => {
    expect(readAnswer(question({ type: 'photo', required: false }), text('Passer'))).toEqual({ kind: 'skip' });
  });
});

describe('values', () => {
  it('survive a trip through JSON', () => {
    const readings = [
      readAnswer(question({}), text('ok')),
      readAnswer(channels, text('1, 2')),
      readAnswer(users, text('3,5')),
      readAnswer(question({ type: 'photo' }), { kind: 'media', mediaKind: 'photo' }),
    ];
    for (const reading of readings) {
      expect(reading.kind).toBe('value');
      expect(JSON.parse(JSON.stringify(reading))).toEqual(reading);
    }
  });
});
