import { describe, expect, it } from 'vitest';
import { gridLocaleFaFixes } from './grid-locale-fa';

describe('data grid Persian fixes', () => {
  it('writes the pagination line in Persian with Persian digits', () => {
    const line = gridLocaleFaFixes.paginationDisplayedRows!({
      from: 1,
      to: 25,
      count: 1200,
      page: 0,
      pageSize: 25,
    } as never);
    expect(line).toBe('۱–۲۵ از ۱٬۲۰۰');
    expect(line).not.toMatch(/[0-9]|of/);
  });

  it('says «بیش از» when the total is unknown', () => {
    expect(gridLocaleFaFixes.paginationDisplayedRows!({ from: 26, to: 50, count: -1 } as never)).toBe(
      '۲۶–۵۰ از بیش از ۵۰',
    );
  });

  it('counts selected rows with Persian digits', () => {
    expect(gridLocaleFaFixes.footerRowSelected!(3)).toBe('۳ سطر انتخاب شده');
  });
});
