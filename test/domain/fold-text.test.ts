import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/domain/fold-text.ts';

describe('folding typed text', () => {
  it('drops case and accents', () => {
    expect(foldText('Lancé')).toBe('lance');
    expect(foldText('ÉTÉ À BÊTE')).toBe('ete a bete');
    expect(foldText('Bouche-à-oreille')).toBe('bouche a oreille');
  });

  it('reads punctuation and runs of spaces as one space', () => {
    expect(foldText('  Lancé,   avec des utilisateurs ! ')).toBe('lance avec des utilisateurs');
    expect(foldText('1,3;4')).toBe('1 3 4');
    expect(foldText("l'équipe")).toBe('l equipe');
  });

  it('folds composed and decomposed accents alike', () => {
    expect(foldText('e\u0301te\u0301')).toBe(foldText('\u00e9t\u00e9'));
  });

  it('leaves nothing of punctuation alone', () => {
    expect(foldText(' - ? ')).toBe('');
  });
});
