import { describe, expect, it } from 'vitest';
import { mappingFor } from '../domain/catalog-mapping.js';
import { conflictClause } from './upsert-sql.js';

describe('conflictClause', () => {
  it('leaves kept columns out of the UPDATE but keeps the RowVersion guard', () => {
    const products = mappingFor('Products');
    const clause = conflictClause({ ...products, keepOnUpdate: ['name', 'search_text'] });
    expect(clause).not.toMatch(/\bname = excluded\.name/);
    expect(clause).not.toMatch(/search_text = excluded/);
    expect(clause).toMatch(/raw = excluded\.raw/);
    expect(clause).toMatch(/WHERE excluded\.row_version > t\.row_version$/);
  });
});
