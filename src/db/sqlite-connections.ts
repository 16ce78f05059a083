import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode, SqliteDialect } from 'kysely';

/**
 * SQLite with one writer and one read-only connection, so that reads never wait for a write.
 *
 * In WAL mode a reader sees the last committed state while a write transaction runs beside it.
 * Kysely's own SQLite driver serialises every query on one connection, so a list page waited
 * for the whole of a long import. Here a query goes to the reader when it is a `SELECT` built
 * with the query builder and its connection holds no transaction; everything else (writes, raw
 * SQL, transactions and every query inside one) takes the writer, one holder at a time.
 *
 * One reader is enough: better-sqlite3 is synchronous, so the process runs one statement at a
 * time. Streamed queries go to the writer: an open iterator would pin the reader to an old
 * snapshot for every other read. This matches PostgreSQL, where reads outside a transaction
 * also run on any connection of the pool and see what has been committed.
 */
export class SqliteReadWriteDialect extends SqliteDialect {
  readonly #connections: SqliteConnections;

  constructor(connections: SqliteConnections) {
    super({ database: connections.writer.raw });
    this.#connections = connections;
  }

  override createDriver(): Driver {
    return new ReadWriteDriver(this.#connections);
  }
}

/** A better-sqlite3 connection with a bounded cache of prepared statements. */
export class CachedConnection {
  readonly #cache = new Map<string, SQLite.Statement>();

  constructor(
    readonly raw: SQLite.Database,
    private readonly size = 500,
  ) {}

  /**
   * Kysely prepares every query anew, which costs more than running a typical indexed read. A
   * statement still being iterated is never handed out twice.
   */
  prepare(text: string): SQLite.Statement {
    const cached = this.#cache.get(text);
    if (cached && !cached.busy) {
      // Most recently used last, so the oldest is the first key.
      this.#cache.delete(text);
      this.#cache.set(text, cached);
      return cached;
    }
    const statement = this.raw.prepare(text);
    this.#cache.set(text, statement);
    if (this.#cache.size > this.size) this.#cache.delete(this.#cache.keys().next().value as string);
    return statement;
  }

  run(query: CompiledQuery): QueryResult<unknown> {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

export interface SqliteConnections {
  writer: CachedConnection;
  /** Null for an in-memory database, which a second connection cannot see. */
  reader: CachedConnection | null;
}

class WriterLock {
  #held: Promise<void> | null = null;
  #release: (() => void) | null = null;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  unlock(): void {
    const release = this.#release;
    this.#held = null;
    this.#release = null;
    release?.();
  }
}

class ReadWriteDriver implements Driver {
  readonly #lock = new WriterLock();

  constructor(private readonly connections: SqliteConnections) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.connections, this.#lock);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).holdWriter();
    await connection.executeQuery(raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    this.connections.reader?.raw.close();
    this.connections.writer.raw.close();
  }
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const raw = (text: string): CompiledQuery => ({ sql: text, parameters: [], query: { kind: 'RawNode' } }) as unknown as CompiledQuery;

/** What Kysely holds between acquiring and releasing a connection: the reader until it needs the writer. */
class RoutedConnection implements DatabaseConnection {
  #holdsWriter = false;

  constructor(
    private readonly connections: SqliteConnections,
    private readonly lock: WriterLock,
  ) {}

  async holdWriter(): Promise<void> {
    if (this.#holdsWriter) return;
    await this.lock.lock();
    this.#holdsWriter = true;
  }

  release(): void {
    if (!this.#holdsWriter) return;
    this.#holdsWriter = false;
    this.lock.unlock();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { reader, writer } = this.connections;
    if (reader && !this.#holdsWriter && SelectQueryNode.is(query.query)) return reader.run(query) as QueryResult<R>;
    await this.holdWriter();
    return writer.run(query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('Only SELECT queries can be streamed');
    await this.holdWriter();
    const statement = this.connections.writer.prepare(query.sql);
    for (const row of statement.iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}
