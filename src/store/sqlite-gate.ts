import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories } from '../core/ports.js';
import type { Database } from './database.js';

/**
 * A repository port as better-sqlite3 serves it: the same methods answering at once instead of with a
 * promise. The SQLite repositories implement this; `asyncRepositories` turns them into the ports the
 * core awaits (SQLite answers in the calling thread, so there is nothing to wait for but the gate).
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** `Repositories` without `transaction`, served synchronously. */
export type SynchronousRepositories = {
  [K in Exclude<keyof Repositories, 'transaction'>]: Synchronous<Repositories[K]>;
};

/**
 * One SQLite connection shared by every caller of a process, with transactions that may await.
 *
 * better-sqlite3 runs a transaction on the connection itself, not on a handle: while one caller's
 * transaction is open and awaiting, another caller's statement on the same connection would silently
 * join it (and be rolled back with it). The gate keeps them apart. The caller that opened the
 * transaction (and every call made in its async context, `AsyncLocalStorage`) goes straight through;
 * everyone else waits until it commits or rolls back. Outside transactions nothing waits: a statement
 * runs at once, as before.
 */
export class SqliteGate {
  private readonly context = new AsyncLocalStorage<symbol>();
  private owner: symbol | null = null;
  private idle: Promise<void> = Promise.resolve();
  private savepoints = 0;

  constructor(private readonly db: Database) {}

  /** Runs one synchronous statement (or a repository method) now, or after another caller's transaction. */
  run<R>(fn: () => R): Promise<R> {
    if (this.owner === null || this.context.getStore() === this.owner) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.idle.then(() => this.run(fn));
  }

  /** Whether the calling async context is inside this gate's open transaction. */
  inTransaction(): boolean {
    return this.owner !== null && this.context.getStore() === this.owner;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return this.savepoint(fn);
    while (this.owner !== null) await this.idle;
    const token = Symbol('sqlite transaction');
    let done: () => void = () => undefined;
    this.owner = token;
    this.idle = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      this.db.exec('BEGIN');
      try {
        const result = await this.context.run(token, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.owner = null;
      done();
    }
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `hiroba_${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.db.inTransaction) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
      }
      throw error;
    }
  }
}

/** Wraps a synchronous repository so that every method answers through the gate with a promise. */
export function gated<T extends object>(sync: Synchronous<T>, gate: SqliteGate): T {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(sync as object, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let wrapped = cache.get(property);
      if (wrapped === undefined) {
        const method = value as (...args: unknown[]) => unknown;
        wrapped = (...args: unknown[]) => gate.run(() => method.apply(target, args));
        cache.set(property, wrapped);
      }
      return wrapped;
    },
  }) as T;
}

/** The ports over synchronous SQLite repositories sharing one gate. */
export function asyncRepositories(sync: SynchronousRepositories, gate: SqliteGate): Repositories {
  return {
    workspaces: gated(sync.workspaces, gate),
    members: gated(sync.members, gate),
    activities: gated(sync.activities, gate),
    outbox: gated(sync.outbox, gate),
    ledger: gated(sync.ledger, gate),
    nudges: gated(sync.nudges, gate),
    submissions: gated(sync.submissions, gate),
    conversationRefs: gated(sync.conversationRefs, gate),
    confirmations: gated(sync.confirmations, gate),
    pendingActivities: gated(sync.pendingActivities, gate),
    dashboard: gated(sync.dashboard, gate),
    audit: gated(sync.audit, gate),
    transaction: (fn) => gate.transaction(fn),
  };
}
