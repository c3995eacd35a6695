import { DataGrid, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';

/**
 * The desk's table: x-data-grid with its locale text from the theme (fa/en, see theme/desk-theme.ts)
 * and RTL from the theme direction. Defaults suit a clerk's list: compact rows, no row checkboxes,
 * 25 per page. Pass `aria-label` so screen readers can tell the tables apart.
 */
export function DataTable<R extends GridValidRowModel>(props: DataGridProps<R> & { 'aria-label': string }) {
  return (
    <DataGrid<R>
      density="compact"
      disableRowSelectionOnClick
      pageSizeOptions={[25, 50, 100]}
      initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
      autoHeight={false}
      {...props}
    />
  );
}
