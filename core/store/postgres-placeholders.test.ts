import { describe, expect, it } from 'vitest';
import { toPgPlaceholders } from './postgres-placeholders.js';

describe('toPgPlaceholders', () => {
  it('numbers each ? in order', () => {
    expect(toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
    );
  });

  it('leaves ? inside string literals, identifiers, comments and dollar quotes alone', () => {
    const sql = `SELECT '?', 'it''s ?', "we?ird" FROM t -- what?\nWHERE x = ? /* ? */ AND y = $$?$$ AND z = $tag$ ? $tag$ AND w = ?`;
    expect(toPgPlaceholders(sql)).toBe(
      `SELECT '?', 'it''s ?', "we?ird" FROM t -- what?\nWHERE x = $1 /* ? */ AND y = $$?$$ AND z = $tag$ ? $tag$ AND w = $2`,
    );
  });

  it('keeps Persian text untouched', () => {
    expect(toPgPlaceholders("SELECT 'کفش؟' WHERE name = ?")).toBe("SELECT 'کفش؟' WHERE name = $1");
  });
});
