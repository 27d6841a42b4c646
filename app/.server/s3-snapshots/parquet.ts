// The Parquet writer and reader: DuckDB, embedded (ADR 015 records the
// measurement that chose it). It turns PostgreSQL's CSV into typed,
// zstd-compressed Parquet and back, on local files, with its memory capped.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { SnapshotColumn } from "./tables";

/** Rows per Parquet row group: small enough that a group of wide JSON rows stays a few MB. */
const ROW_GROUP_ROWS = 20_000;

export class ParquetFiles {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(memoryLimit = "160MB"): Promise<ParquetFiles> {
    const instance = await DuckDBInstance.create(":memory:", {
      memory_limit: memoryLimit,
      threads: "1",
      // Files stay in the order PostgreSQL gave (by id); one thread keeps that cheap.
      preserve_insertion_order: "true",
    });
    const connection = await instance.connect();
    // Timestamps print as UTC when restore writes them back for PostgreSQL.
    await connection.run("SET TimeZone = 'UTC'");
    return new ParquetFiles(instance, connection);
  }

  /** Writes PostgreSQL's CSV (COPY ... FORMAT csv, no header) of these columns as one Parquet file. */
  async csvToParquet(csvPath: string, columns: SnapshotColumn[], parquetPath: string): Promise<void> {
    const types = columns.map((column) => `${literal(column.name)}: ${literal(column.csvType)}`).join(", ");
    const select = columns.map((column) => `${column.fromCsv} AS ${identifier(column.name)}`).join(", ");
    await this.connection.run(
      `COPY (SELECT ${select} FROM read_csv(${literal(csvPath)}, header = false, auto_detect = false,
         delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, max_line_size = 16777216, buffer_size = 33554432,
         columns = {${types}}))
       TO ${literal(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`,
    );
  }

  /** Writes Parquet files as CSV that PostgreSQL's COPY ... FROM (FORMAT csv) reads, column by column. */
  async parquetToCsv(parquetPaths: string[], columns: SnapshotColumn[], csvPath: string): Promise<void> {
    const select = columns.map((column) => `${column.restore} AS ${identifier(column.name)}`).join(", ");
    await this.connection.run(
      `COPY (SELECT ${select} FROM read_parquet([${parquetPaths.map(literal).join(", ")}]))
       TO ${literal(csvPath)} (FORMAT csv, HEADER false, QUOTE '"', ESCAPE '"')`,
    );
  }

  /** Runs a query and returns its rows as objects (ids and decimals as strings, for comparison). */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
