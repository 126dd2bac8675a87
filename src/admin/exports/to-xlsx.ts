import { DateTime } from 'luxon';
import writeXlsxFile, { type Cell } from 'write-excel-file/node';
import type { Language } from '../../domain/programme/language.ts';
import { LocalTime, type ExportTable } from './export-table.ts';

/** How dates read in each language's spreadsheets (Excel's format codes, not luxon's). */
const DATE_FORMATS: Record<Language, string> = { fr: 'dd/mm/yyyy hh:mm', en: 'd mmm yyyy hh:mm' };

/**
 * The same table as a workbook (.xlsx): spreadsheet programs open it in columns whatever their
 * list separator (a French one reads a CSV's commas as text), and instants become real date cells,
 * in the programme's local time since a spreadsheet date has no zone; the zone is named in the
 * column title. Text stays text: a participant's "=1+1" is never read as a formula.
 */
export async function toXlsx(
  table: ExportTable,
  options: { timeZone: string; language: Language; sheet: string },
): Promise<Buffer> {
  const dateColumns = new Set(
    table.header.map((_, index) => index).filter((index) => table.rows.some((row) => row[index] instanceof Date)),
  );
  const header: Cell[] = table.header.map((title, index) => ({
    value: dateColumns.has(index) ? `${title} (${options.timeZone})` : title,
    fontWeight: 'bold',
  }));
  const rows = table.rows.map((row) =>
    row.map((value) => xlsxCell(value, options.timeZone, DATE_FORMATS[options.language])),
  );
  return writeXlsxFile([header, ...rows], {
    sheet: options.sheet,
    stickyRowsCount: 1,
    columns: table.header.map((_, index) => ({ width: dateColumns.has(index) ? 18 : 20 })),
  }).toBuffer();
}

function xlsxCell(value: unknown, timeZone: string, dateFormat: string): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    // The local wall time, written as if it were UTC: the serial number a spreadsheet shows as that time.
    const local = DateTime.fromJSDate(value, { zone: timeZone }).setZone('UTC', { keepLocalTime: true });
    return { value: local.toJSDate(), type: Date, format: dateFormat };
  }
  if (value instanceof LocalTime)
    return { value: DateTime.fromSQL(value.text, { zone: 'UTC' }).toJSDate(), type: Date, format: dateFormat };
  if (typeof value === 'number') return { value, type: Number };
  if (typeof value === 'boolean') return { value, type: Boolean };
  return { value: typeof value === 'string' ? value : JSON.stringify(value), type: String };
}
