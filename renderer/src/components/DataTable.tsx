import { DataGrid, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';
import { faIR } from '@mui/x-data-grid/locales';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

const pageSizes = [25, 50, 100];

/**
 * The desk's table: x-data-grid with its locale text from the theme (fa/en, see theme/desk-theme.ts)
 * and RTL from the theme direction. Defaults suit a clerk's list: compact rows, no row checkboxes,
 * 25 per page. Pass `aria-label` so screen readers can tell the tables apart.
 * The grid's Persian locale leaves the footer («1–25 of 300») and the page sizes in English with
 * Latin digits, so those are given here with the language's digits.
 */
export function DataTable<R extends GridValidRowModel>(props: DataGridProps<R> & { 'aria-label': string }) {
  const { i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const localeText = useMemo(
    () =>
      fa
        ? {
            // A localeText prop replaces the theme's whole default, so the Persian texts come along.
            ...faIR.components.MuiDataGrid.defaultProps.localeText,
            paginationDisplayedRows: ({ from, to, count }: { from: number; to: number; count: number }) =>
              `${formatNumber(from)}–${formatNumber(to)} از ${count === -1 ? `بیش از ${formatNumber(to)}` : formatNumber(count)}`,
          }
        : {},
    [fa],
  );
  // formatNumber follows the desk language, so the labels are made again when it changes.
  const sizes = useMemo(() => pageSizes.map((value) => ({ value, label: formatNumber(value) })), [fa]);
  return (
    <DataGrid<R>
      density="compact"
      disableRowSelectionOnClick
      pageSizeOptions={sizes}
      initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
      autoHeight={false}
      {...props}
      localeText={{ ...localeText, ...props.localeText }}
    />
  );
}
