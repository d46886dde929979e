/**
 * Where a streamed import's job does its work: one transaction, and temporary tables to stage the
 * parsed rows in, so validation and the commit are set-based SQL over the whole file. On Postgres the
 * transaction is opened on a dedicated connection at the start and the rows go in with COPY
 * (pg-copy-streams) as they are parsed; a killed process leaves an aborted transaction, nothing else.
 * The embedded PGlite has one connection, shared with the pages: the parsed rows wait in memory (the demo's
 * files are small) and the transaction is opened for the commit only, so the page can poll meanwhile.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool, type PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";

export type StagedValue = string | number | boolean | null;

export interface TempTable {
  name: string;
  /** `name type, ...` */
  columns: string;
  columnNames: readonly string[];
}

export interface JobSession {
  /** Postgres: the progress the job writes meanwhile goes through another connection. PGlite: none while in a transaction. */
  readonly concurrentWrites: boolean;
  createTemp(table: TempTable): Promise<void>;
  /** Appends rows to a temporary table (COPY on Postgres); returns how many. */
  copyInto(table: TempTable, rows: AsyncIterable<StagedValue[]> | Iterable<StagedValue[]>): Promise<number>;
  /** Inside `inTransaction`: appends rows to a table at once (COPY on the transaction's connection on Postgres). */
  copyNow(tx: Db, table: { name: string; columnNames: readonly string[] }, rows: AsyncIterable<StagedValue[]>): Promise<number>;
  /** Runs `fn` inside the job's transaction, with the staged rows in their tables. */
  inTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Commits (Postgres) what inTransaction did; PGlite's transaction commits when `fn` returns. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  release(): void;
}

/** COPY text format: tab-separated, \N for null, backslash escapes. */
function copyField(value: StagedValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

async function* copyLines(rows: AsyncIterable<StagedValue[]> | Iterable<StagedValue[]>, count: { n: number }): AsyncGenerator<string> {
  let batch = "";
  for await (const row of rows) {
    batch += row.map(copyField).join("\t") + "\n";
    count.n++;
    if (batch.length >= 64 * 1024) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

class PostgresSession implements JobSession {
  readonly concurrentWrites = true;
  private readonly tx: Db;
  private done = false;
  constructor(private readonly client: PoolClient) {
    this.tx = drizzlePg({ client, schema, casing: "snake_case" }) as unknown as Db;
  }
  async createTemp(table: TempTable) {
    await this.client.query(`CREATE TEMP TABLE ${table.name} (${table.columns}) ON COMMIT DROP`);
  }
  copyNow(_tx: Db, table: { name: string; columnNames: readonly string[] }, rows: AsyncIterable<StagedValue[]>) {
    return this.copyInto(table, rows);
  }
  async copyInto(table: { name: string; columnNames: readonly string[] }, rows: AsyncIterable<StagedValue[]> | Iterable<StagedValue[]>) {
    const count = { n: 0 };
    const stream = this.client.query(copyFrom(`COPY ${table.name} (${table.columnNames.join(", ")}) FROM STDIN`));
    await pipeline(Readable.from(copyLines(rows, count)), stream);
    return count.n;
  }
  inTransaction<T>(fn: (tx: Db) => Promise<T>) {
    return fn(this.tx);
  }
  async commit() {
    this.done = true;
    await this.client.query("COMMIT");
  }
  async rollback() {
    if (this.done) return;
    this.done = true;
    await this.client.query("ROLLBACK").catch(() => undefined);
  }
  release() {
    this.client.release();
  }
}

const INSERT_BATCH = 500;

class PgliteSession implements JobSession {
  readonly concurrentWrites = true;
  private readonly tables: { table: TempTable; rows: StagedValue[][] }[] = [];
  private inside = false;
  constructor(private readonly db: Db) {}
  get concurrentWritesNow() {
    return !this.inside;
  }
  async createTemp(table: TempTable) {
    this.tables.push({ table, rows: [] });
  }
  async copyInto(table: TempTable, rows: AsyncIterable<StagedValue[]> | Iterable<StagedValue[]>) {
    const target = this.tables.find((t) => t.table.name === table.name);
    if (!target) throw new Error(`temp table ${table.name} was not created`);
    let n = 0;
    for await (const row of rows) {
      target.rows.push(row);
      n++;
    }
    return n;
  }
  async copyNow(tx: Db, table: { name: string; columnNames: readonly string[] }, rows: AsyncIterable<StagedValue[]>) {
    let n = 0;
    let batch: StagedValue[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const values = batch.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`), sql`, `)})`);
      await tx.execute(sql`INSERT INTO ${sql.raw(table.name)} (${sql.raw(table.columnNames.join(", "))}) VALUES ${sql.join(values, sql`, `)}`);
      batch = [];
    };
    for await (const row of rows) {
      batch.push(row);
      n++;
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();
    return n;
  }
  inTransaction<T>(fn: (tx: Db) => Promise<T>) {
    return this.db.transaction(async (tx) => {
      this.inside = true;
      try {
        for (const { table, rows } of this.tables) {
          await tx.execute(sql.raw(`CREATE TEMP TABLE ${table.name} (${table.columns}) ON COMMIT DROP`));
          for (let i = 0; i < rows.length; i += INSERT_BATCH) {
            const values = rows.slice(i, i + INSERT_BATCH).map((r) => sql`(${sql.join(r.map((v) => sql`${v}`), sql`, `)})`);
            await tx.execute(sql`INSERT INTO ${sql.raw(table.name)} (${sql.raw(table.columnNames.join(", "))}) VALUES ${sql.join(values, sql`, `)}`);
          }
          rows.length = 0;
        }
        return await fn(tx);
      } finally {
        this.inside = false;
      }
    });
  }
  async commit() {}
  async rollback() {}
  release() {}
}

/** Whether progress may be written through `db` now (PGlite: not while the job holds the transaction). */
export function canWriteConcurrently(session: JobSession): boolean {
  return session instanceof PgliteSession ? session.concurrentWritesNow : session.concurrentWrites;
}

/** A session on the database behind `db`: a dedicated pooled connection in a transaction (Postgres) or PGlite's. */
export async function openJobSession(db: Db): Promise<JobSession> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof Pool) {
    const connection = await client.connect();
    try {
      await connection.query("BEGIN");
    } catch (error) {
      connection.release();
      throw error;
    }
    return new PostgresSession(connection);
  }
  return new PgliteSession(db);
}
