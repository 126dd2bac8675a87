/** An export before it is written as CSV or as a workbook: translated column titles, then the rows. */
export interface ExportTable {
  header: string[];
  /** Cells: text, numbers, booleans, instants (Date), wall-clock times (LocalTime), or null for nothing. */
  rows: unknown[][];
}

/**
 * A wall-clock time with no zone of its own, "2027-03-09 09:00": the hour shown in the room, its
 * zone named in another column. CSV writes it as it reads; a workbook as a date cell of that hour.
 */
export class LocalTime {
  constructor(readonly text: string) {}
}
