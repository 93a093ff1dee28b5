import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/store/database.js';
import { SqliteGate } from '../../src/store/sqlite-gate.js';

/** A latch: the test decides when a paused transaction goes on. */
function latch(): { wait: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

let db: Database;
let gate: SqliteGate;
beforeEach(() => {
  db = openDatabase(':memory:');
  db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
  gate = new SqliteGate(db);
});
afterEach(() => {
  db.close();
});

const insert = (text: string) => () => db.prepare('INSERT INTO notes (text) VALUES (?)').run(text);
const notes = (): string[] => db.prepare('SELECT text FROM notes ORDER BY rowid').pluck().all() as string[];
/** What another caller, outside any transaction of the gate, would see. */
const write = (text: string) => gate.run(insert(text));

describe('SqliteGate', () => {
  it("keeps another caller's write out of a transaction that awaits: the write lands after the commit", async () => {
    const entered = latch();
    const resume = latch();
    const order: string[] = [];
    const transaction = gate.transaction(async () => {
      await gate.run(insert('inside 1'));
      entered.open();
      await resume.wait;
      await gate.run(insert('inside 2'));
      order.push('transaction ends');
      return 'committed';
    });
    await entered.wait;
    expect(gate.inTransaction()).toBe(false);
    const outside = write('outside').then(() => order.push('outside written'));
    // The other caller waits: nothing of it is in the table while the transaction is open.
    await new Promise((resolve) => setImmediate(resolve));
    expect(notes()).toEqual(['inside 1']);
    resume.open();
    expect(await transaction).toBe('committed');
    await outside;
    expect(order).toEqual(['transaction ends', 'outside written']);
    expect(notes()).toEqual(['inside 1', 'inside 2', 'outside']);
    expect(db.inTransaction).toBe(false);
  });

  it("lets another caller's write survive the rollback of a transaction it waited for", async () => {
    const entered = latch();
    const resume = latch();
    const transaction = gate.transaction(async () => {
      await gate.run(insert('inside'));
      entered.open();
      await resume.wait;
      throw new Error('boom');
    });
    await entered.wait;
    const outside = write('outside');
    resume.open();
    await expect(transaction).rejects.toThrow('boom');
    await outside;
    expect(notes()).toEqual(['outside']);
  });

  it('runs a second transaction after the first, not inside it', async () => {
    const entered = latch();
    const resume = latch();
    const first = gate.transaction(async () => {
      await gate.run(insert('first'));
      entered.open();
      await resume.wait;
      throw new Error('first fails');
    });
    await entered.wait;
    const second = gate.transaction(async () => {
      await gate.run(insert('second'));
      return notes();
    });
    resume.open();
    await expect(first).rejects.toThrow('first fails');
    // The second saw only its own row: the first had rolled back before it began.
    expect(await second).toEqual(['second']);
    expect(notes()).toEqual(['second']);
  });

  it('rolls a nested transaction back to its savepoint, and the outer one commits the rest', async () => {
    const result = await gate.transaction(async () => {
      await gate.run(insert('outer before'));
      await expect(
        gate.transaction(async () => {
          await gate.run(insert('inner'));
          expect(gate.inTransaction()).toBe(true);
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      expect(notes()).toEqual(['outer before']);
      await gate.transaction(async () => {
        await gate.run(insert('inner kept'));
      });
      await gate.run(insert('outer after'));
      return notes().length;
    });
    expect(result).toBe(3);
    expect(notes()).toEqual(['outer before', 'inner kept', 'outer after']);
    expect(db.inTransaction).toBe(false);
  });

  it('rolls everything back on an error, nested savepoints included, and the connection is free again', async () => {
    await expect(
      gate.transaction(async () => {
        await gate.run(insert('outer'));
        await gate.transaction(async () => {
          await gate.run(insert('inner'));
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(notes()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // A statement that throws inside the transaction rejects it the same way.
    await expect(
      gate.transaction(async () => {
        await gate.run(insert('kept?'));
        await gate.run(() => db.prepare('INSERT INTO missing (x) VALUES (1)').run());
      }),
    ).rejects.toThrow(/no such table/u);
    expect(notes()).toEqual([]);
    await write('after');
    expect(notes()).toEqual(['after']);
  });

  it('answers a statement outside any transaction at once, and its error as a rejection', async () => {
    const pending = write('now');
    // Already written before anyone awaits: no transaction was open to wait for.
    expect(notes()).toEqual(['now']);
    await pending;
    await expect(gate.run(() => db.prepare('SELECT * FROM missing').all())).rejects.toThrow(/no such table/u);
  });
});
