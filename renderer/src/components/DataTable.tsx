import { DataGrid, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';
import { faIR } from '@mui/x-data-grid/locales';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';
import { gridLocaleFaFixes } from '../theme/grid-locale-fa';

const pageSizes = [25, 50, 100];

/**
 * The desk's table: x-data-grid with its Persian locale text (plus our fixes, theme/grid-locale-fa.ts)
 * given here rather than in the theme, so the grid loads only with screens that have one; RTL comes
 * from the theme direction. Defaults suit a clerk's list: compact rows, no row checkboxes,
 * 25 per page. Pass `aria-label` so screen readers can tell the tables apart.
 * The page sizes are given with the language's digits.
 */
export function DataTable<R extends GridValidRowModel>(props: DataGridProps<R> & { 'aria-label': string }) {
  const { i18n } = useTranslation();
  const fa = i18n.language !== 'en';
  const localeText = useMemo(
    () => (fa ? { ...faIR.components.MuiDataGrid.defaultProps.localeText, ...gridLocaleFaFixes } : {}),
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
