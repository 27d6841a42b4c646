// The Parquet writer and reader: DuckDB, embedded (ADR 015 records the
// measurement that chose it). It turns PostgreSQL's CSV into typed,
// zstd-compressed Parquet and back, on local files, with its memory capped.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { SnapshotColumn } from "./tables";

/** Bytes per Parquet row group: whatever a row's width, a group stays this big in memory. */
const ROW_GROUP_BYTES = "4MB";
/** The CSV reader's longest row (its buffer is twice that): ADR 015 measured the memory it costs. */
const LINE_BYTES = 2 * 1024 * 1024;
const LONG_LINE_BYTES = 64 * 1024 * 1024;
/** DuckDB's memory for restore and redaction, which read a snapshot's tables whole, not one part. */
export const WHOLE_SNAPSHOT_MEMORY = "256MB";

export class ParquetFiles {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly memoryLimit: string,
  ) {}

  /** The default memory is one part's conversion's (ADR 015 measured it). */
  static async open(memoryLimit = "48MB"): Promise<ParquetFiles> {
    const instance = await DuckDBInstance.create(":memory:", {
      memory_limit: memoryLimit,
      threads: "1",
      // Row groups bounded by bytes need this off; with one thread the rows still come out in id order.
      preserve_insertion_order: "false",
    });
    const connection = await instance.connect();
    // Timestamps print as UTC when restore writes them back for PostgreSQL.
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run("SET allocator_flush_threshold = '4MB'");
    return new ParquetFiles(instance, connection, memoryLimit);
  }

  /**
   * Writes PostgreSQL's CSV (COPY ... FORMAT csv, no header) of these columns as one Parquet file.
   * The reader's buffer is small (memory stays low); a row longer than it (an order with
   * thousands of lines) makes the part run again with a buffer that holds it.
   */
  async csvToParquet(csvPath: string, columns: SnapshotColumn[], parquetPath: string): Promise<void> {
    try {
      await this.convert(csvPath, columns, parquetPath, LINE_BYTES);
    } catch (error) {
      if (!/Maximum line size/.test(String((error as Error).message))) throw withoutRows(error);
      // The bigger buffer needs the memory to hold it, for this part only.
      await this.connection.run(`SET memory_limit = '${(LONG_LINE_BYTES * 4) >> 20}MB'`);
      try {
        await this.convert(csvPath, columns, parquetPath, LONG_LINE_BYTES);
      } catch (again) {
        throw withoutRows(again);
      } finally {
        await this.connection.run(`SET memory_limit = '${this.memoryLimit}'`);
      }
    }
  }

  private async convert(csvPath: string, columns: SnapshotColumn[], parquetPath: string, lineBytes: number) {
    const types = columns.map((column) => `${literal(column.name)}: ${literal(column.csvType)}`).join(", ");
    const select = columns.map((column) => `${column.fromCsv} AS ${identifier(column.name)}`).join(", ");
    await this.writeParquet(
      `SELECT ${select} FROM read_csv(${literal(csvPath)}, header = false, auto_detect = false,
         delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false,
         max_line_size = ${lineBytes}, buffer_size = ${lineBytes * 2}, columns = {${types}})`,
      parquetPath,
    );
  }

  /** Writes a query's rows as one Parquet file, as every snapshot file is written. */
  async writeParquet(query: string, parquetPath: string): Promise<void> {
    await this.connection.run(
      `COPY (${query}) TO ${literal(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES '${ROW_GROUP_BYTES}')`,
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

/** DuckDB's CSV errors quote the offending row: the message keeps the error, never the customer's data. */
function withoutRows(error: unknown): Error {
  const message = String((error as Error)?.message ?? error)
    .split("\n")
    .filter((line) => !line.startsWith("Original Line:"))
    .slice(0, 3)
    .join(" ");
  return new Error(`Parquet conversion failed: ${message}`);
}
