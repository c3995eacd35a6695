import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import type { GridPaginationModel } from '@mui/x-data-grid';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { DeadLetterDrawer } from './DeadLetterDrawer';
import { DeadLetterFilters } from './DeadLetterFilters';
import { DeadLetterGrid } from './DeadLetterGrid';
import { RetryAllButton } from './RetryAllButton';
import { apiFilterOf, useDeadLetterFilter } from './use-dead-letter-filter';
import { useDeadLetters } from './use-dead-letters';

/** `/dead-letters`: the list with filters, a drawer per letter, retry / discard / retry-all. */
export function DeadLettersScreen() {
  const { t } = useTranslation('dead-letters');
  const { state, update, selectedId, select } = useDeadLetterFilter();
  const filter = useMemo(() => apiFilterOf(state), [state]);
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 25 });
  const [notice, setNotice] = useState<string | null>(null);
  // A new filter starts at the first page.
  useEffect(() => setPage((p) => ({ ...p, page: 0 })), [filter]);
  const list = useDeadLetters(filter, page);
  const groups = list.data?.groups ?? [];
  const filtered = Object.keys(filter).length > 0;
  const retryable = list.data?.retryable ?? 0;
  const nothingAtAll = list.data && groups.length === 0;

  return (
    <Box>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={<RetryAllButton filter={filter} filtered={filtered} retryable={retryable} />}
      />
      {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.isPending && <LoadingState />}
      {nothingAtAll && <EmptyState title={t('empty.title')} description={t('empty.description')} />}
      {list.data && !nothingAtAll && (
        <>
          <DeadLetterFilters value={state} onChange={update} groups={groups} />
          {list.data.total === 0 ? (
            <EmptyState
              title={t('emptyFiltered.title')}
              action={
                <Button onClick={() => update({ source: '', kind: '', from: '', to: '', q: '' })}>
                  {t('emptyFiltered.clear')}
                </Button>
              }
            />
          ) : (
            <Box sx={{ height: 560 }}>
              <DeadLetterGrid
                rows={list.data.items}
                total={list.data.total}
                loading={list.isFetching}
                page={page}
                onPageChange={setPage}
                onOpen={select}
              />
            </Box>
          )}
        </>
      )}
      <DeadLetterDrawer id={selectedId} onClose={() => select(null)} onDone={setNotice} />
      <Snackbar
        open={notice !== null}
        autoHideDuration={5000}
        onClose={() => setNotice(null)}
        message={notice}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </Box>
  );
}
