import type { GridLocaleText } from '@mui/x-data-grid';
import { formatNumber } from '../lib/format';

const n = (value: number) => formatNumber(value, 'fa');

/**
 * Gaps in x-data-grid's faIR locale that a clerk would see: the pagination line falls back to English
 * («1–25 of 300»), and the counters use the browser's toLocaleString (Latin digits on most shop PCs).
 */
export const gridLocaleFaFixes: Partial<GridLocaleText> = {
  paginationDisplayedRows: ({ from, to, count, estimated }) => {
    const known = count !== null && count !== undefined && count !== -1;
    const more = estimated && estimated > to ? `حدود ${n(estimated)}` : `بیش از ${n(to)}`;
    return `${n(from)}–${n(to)} از ${known ? n(count) : more}`;
  },
  footerRowSelected: (count) => `${n(count)} سطر انتخاب شده`,
  footerTotalRows: 'تعداد کل سطرها:',
  footerTotalVisibleRows: (visible, total) => `${n(visible)} از ${n(total)}`,
  toolbarFiltersTooltipActive: (count) => `${n(count)} فیلتر فعال`,
  columnHeaderFiltersTooltipActive: (count) => `${n(count)} فیلتر فعال`,
};
