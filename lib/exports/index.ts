// Exports: the FOCUS 1.2 CSV (streamed from Postgres) and statement CSVs.
export { csvCell } from "./csv-cell";
export { FOCUS_COLUMNS } from "./focus-columns";
export { focusExportQuery, focusExportStream, focusFileName } from "./focus-export";
export { statementCsv } from "./statement-csv";
