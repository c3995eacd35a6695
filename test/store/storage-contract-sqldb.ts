import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UpsertSpec } from '../../core/store/sql-db.js';
import { sqlTypes } from '../../core/store/sql-types.js';
import { readJson } from '../../core/store/sql-values.js';
import type { ContractContext } from './storage-contract.js';

const spec: UpsertSpec = {
  table: 'contract_scratch',
  columns: [
    { name: 'id', type: 'int' },
    { name: 'row_version', type: 'int' },
    { name: 'name', type: 'text' },
    { name: 'amount', type: 'float' },
    { name: 'flag', type: 'bool' },
    { name: 'doc', type: 'json' },
  ],
  key: ['id'],
  guard: 'row_version',
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function sqlDbContract(ctx: ContractContext): void {
  describe('SqlDb', () => {
    const db = () => ctx.storage().db;
    const names = async () =>
      (await db().query<{ name: string }>('SELECT name FROM contract_scratch ORDER BY id')).map(
        (r) => r.name,
      );
    const insert = (id: number, name: string) =>
      db().run('INSERT INTO contract_scratch (id, row_version, name) VALUES (?, 1, ?)', [id, name]);

    beforeAll(async () => {
      const t = sqlTypes(db().dialect);
      await db().run(
        `CREATE TABLE contract_scratch (id ${t.id}, row_version ${t.bigint} NOT NULL, name ${t.text}, amount ${t.float}, flag ${t.bool}, doc ${t.json})`,
      );
    });
    afterAll(async () => {
      await db().run('DROP TABLE contract_scratch');
    });
    beforeEach(async () => {
      await db().run('DELETE FROM contract_scratch');
    });

    it('commits a transaction and rolls one back when it throws', async () => {
      await db().transaction(async (tx) => {
        await tx.run('INSERT INTO contract_scratch (id, row_version, name) VALUES (?, 1, ?)', [1, 'ثبت']);
      });
      await expect(
        db().transaction(async (tx) => {
          await tx.run('INSERT INTO contract_scratch (id, row_version, name) VALUES (?, 1, ?)', [2, 'برگشت']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await names()).toEqual(['ثبت']);
    });

    it('does not let another caller interleave with a transaction that awaits', async () => {
      const tx = db().transaction(async (t) => {
        await t.run('INSERT INTO contract_scratch (id, row_version, name) VALUES (1, 1, ?)', ['داخل']);
        await sleep(50);
        throw new Error('rollback after a pause');
      });
      await sleep(5);
      const outside = insert(2, 'بیرون');
      await expect(tx).rejects.toThrow('rollback');
      await outside;
      expect(await names()).toEqual(['بیرون']);
    });

    it('joins calls made on the db inside a transaction, and nests as a savepoint', async () => {
      await db().transaction(async () => {
        await insert(1, 'بیرونی');
        // Seen inside the transaction before commit: the call joined it instead of waiting for it.
        expect(await names()).toEqual(['بیرونی']);
        await expect(
          db().transaction(async () => {
            await insert(2, 'درونی');
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
        await insert(3, 'پس از آن');
      });
      expect(await names()).toEqual(['بیرونی', 'پس از آن']);
    });

    it('bulkUpserts many rows with a monotonic guard and reads values back the same', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => [
        i + 1,
        4_300_000_000 + i,
        `کالای ${i}`,
        i * 1000.5,
        i % 2 === 0,
        { i, text: 'نقل "قول" \\ ي' },
      ]);
      expect(await db().bulkUpsert(spec, rows)).toBe(2500);
      // Older and equal versions change nothing; newer ones win; a key twice keeps its highest version.
      const again = [
        [1, 4_299_999_999, 'قدیمی', 0, false, null],
        [2, 4_300_000_001, 'برابر', 0, false, null],
        [3, 9_007_199_254_740_991, 'جدید', 12.25, true, ['x']],
        [4, 5_000_000_000, 'دوم', 1, false, null],
        [4, 5_000_000_002, 'سوم', 2, false, null],
        [4, 5_000_000_001, 'اول', 3, false, null],
      ];
      expect(await db().bulkUpsert(spec, again)).toBe(2);
      const got = await db().query<Record<string, unknown>>(
        'SELECT * FROM contract_scratch WHERE id <= 4 ORDER BY id',
      );
      expect(got.map((r) => [r.id, r.row_version, r.name, r.amount, r.flag])).toEqual([
        [1, 4_300_000_000, 'کالای 0', 0, 1],
        [2, 4_300_000_001, 'کالای 1', 1000.5, 0],
        [3, 9_007_199_254_740_991, 'جدید', 12.25, 1],
        [4, 5_000_000_002, 'سوم', 2, 0],
      ]);
      expect(typeof got[0].doc).toBe('string');
      expect(readJson(got[0].doc)).toEqual({ i: 0, text: 'نقل "قول" \\ ي' });
      expect(readJson(got[2].doc)).toEqual(['x']);
      expect(readJson(got[3].doc)).toBeNull();
      const [{ n }] = await db().query<{ n: number }>('SELECT COUNT(*) AS n FROM contract_scratch');
      expect(n).toBe(2500);
    });

    it('keeps a ? inside a string literal and binds the rest in order', async () => {
      const rows = await db().query<{ a: string; b: number }>("SELECT 'چرا؟ ?' AS a, ? AS b", [42]);
      expect(rows[0].a).toBe('چرا؟ ?');
      expect(Number(rows[0].b)).toBe(42);
    });

    it('answers a prepared query as an unprepared one, with new values each run, in and out of a transaction', async () => {
      await insert(1, 'یک');
      await insert(2, 'دو');
      const sql = 'SELECT name FROM contract_scratch WHERE id = ?';
      for (let run = 0; run < 8; run++) {
        const id = 1 + (run % 2);
        const [row] = await db().query<{ name: string }>(sql, [id], { prepared: true });
        expect(row.name).toBe(id === 1 ? 'یک' : 'دو');
      }
      const inTx = await db().transaction(async (tx) => {
        await tx.run('UPDATE contract_scratch SET name = ? WHERE id = 2', ['دوم']);
        const rows = await tx.query<{ name: string }>(`${sql} AND id > 0`, [2], { prepared: true });
        // PostgreSQL: kept under its name on the transaction's connection.
        const kept =
          tx.dialect === 'postgres'
            ? await tx.query<{ n: number }>(
                "SELECT COUNT(*) AS n FROM pg_prepared_statements WHERE name LIKE 'h\\_%' AND statement = ?",
                ['SELECT name FROM contract_scratch WHERE id = $1 AND id > 0'],
              )
            : [{ n: 1 }];
        return { name: rows[0].name, kept: Number(kept[0].n) };
      });
      expect(inTx).toEqual({ name: 'دوم', kept: 1 });
      expect(await db().query(sql, [3], { prepared: true })).toEqual([]);
    });
  });
}
