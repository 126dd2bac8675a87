import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from '../../src/admin/exports/to-csv.ts';

describe('CSV for spreadsheet tools', () => {
  it('starts with the byte order mark and ends each row with CRLF', () => {
    const csv = toCsv(
      ['name', 'hub'],
      [
        ['Chloé', 'Bukavu'],
        ['Rivo', null],
      ],
    );
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}name,hub\r\nChloé,Bukavu\r\nRivo,\r\n`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes cells with commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('Ouaga, Burkina')).toBe('"Ouaga, Burkina"');
    expect(csvCell('le "projet"')).toBe('"le ""projet"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('keeps a cell from running as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","clic")')).toBe(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(csvCell('+33 6 12')).toBe("'+33 6 12");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    // Numbers are numbers, not text a person typed.
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('keeps a cell from running as a formula behind blanks or in full-width characters', () => {
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('\u00a0\u3000@SUM(A1)')).toBe("'\u00a0\u3000@SUM(A1)");
    expect(csvCell('\u200b=cmd')).toBe("'\u200b=cmd");
    expect(csvCell('\n=1')).toBe(`"'\n=1"`);
    expect(csvCell('＝HYPERLINK("http://x")')).toBe(`"'＝HYPERLINK(""http://x"")"`);
    expect(csvCell('＋33 6 12')).toBe("'＋33 6 12");
    expect(csvCell('－1')).toBe("'－1");
    expect(csvCell('＠A1')).toBe("'＠A1");
    // Text that only contains a sign further on stays as it is.
    expect(csvCell('Ouaga = Ouagadougou')).toBe('Ouaga = Ouagadougou');
    expect(csvCell('  réponse')).toBe('  réponse');
  });

  it('writes dates in UTC, booleans and empty values plainly', () => {
    expect(csvCell(new Date('2027-01-11T08:00:00Z'))).toBe('2027-01-11T08:00:00.000Z');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('"[""a"",""b""]"');
  });
});
