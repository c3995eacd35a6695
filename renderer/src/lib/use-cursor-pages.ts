import type { GridPaginationModel } from '@mui/x-data-grid';
import { useCallback, useState } from 'react';

/**
 * Server-side pages of a keyset (cursor) API for x-data-grid: page N is fetched with the nextCursor
 * that page N-1 answered, so the grid may step forward one page at a time and back to any page seen.
 * `reset()` when the filters change (the cursors belong to one query).
 */
export function useCursorPages(pageSize = 25) {
  const [model, setModel] = useState<GridPaginationModel>({ page: 0, pageSize });
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);

  const remember = useCallback(
    (page: number, nextCursor: string | null) => {
      setCursors((known) => {
        if (nextCursor === null || known[page + 1] === nextCursor) return known;
        const copy = known.slice(0, page + 1);
        copy[page + 1] = nextCursor;
        return copy;
      });
    },
    [setCursors],
  );

  const onPaginationModelChange = useCallback(
    (next: GridPaginationModel) => {
      if (next.pageSize !== model.pageSize) {
        setCursors([undefined]);
        setModel({ page: 0, pageSize: next.pageSize });
        return;
      }
      // Only pages whose cursor is known can be reached (the grid offers next, previous, first).
      setModel((current) => (next.page < cursors.length ? next : current));
    },
    [model.pageSize, cursors.length],
  );

  const reset = useCallback(() => {
    setCursors([undefined]);
    setModel((current) => ({ ...current, page: 0 }));
  }, []);

  /** Unknown (-1, «more than») while a next page exists; exact once the last page is reached. */
  const rowCount = (itemsOnPage: number | undefined): number =>
    cursors.length > model.page + 1 || itemsOnPage === undefined
      ? -1
      : model.page * model.pageSize + itemsOnPage;

  return {
    paginationModel: model,
    rowCount,
    cursor: cursors[model.page],
    hasNextPage: cursors.length > model.page + 1,
    remember,
    onPaginationModelChange,
    reset,
  };
}
