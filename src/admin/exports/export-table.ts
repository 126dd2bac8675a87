/** An export before it is written as CSV or as a workbook: translated column titles, then the rows. */
export interface ExportTable {
  header: string[];
  /** Cells: text, numbers, booleans, instants (Date), or null for nothing. */
  rows: unknown[][];
}
