import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../../core/contracts/admin-settings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { SellingFields, sellingPatch } from '../settings/SellingSection';
import { useMahakLists, useUpdateSettings } from '../settings/use-settings';
import { StepActions } from './StepActions';

/** Step 2: price level, stock store and web customers' group, picked from the lists Mahak sent. */
export function ListsStep(props: { view: SettingsView; onBack: () => void; onNext: () => void }) {
  const { t } = useTranslation('setup');
  const lists = useMahakLists();
  const save = useUpdateSettings();
  const v = props.view.values;
  const [value, setValue] = useState({
    sellPriceLevel: v.sellPriceLevel,
    storeId: v.storeId,
    mahakPersonGroupId: v.mahakPersonGroupId,
    mahakBankId: v.mahakBankId,
  });
  if (lists.isPending) return <LoadingState />;
  if (lists.error) return <ErrorAlert error={lists.error} onRetry={() => void lists.refetch()} />;
  const groupChosen =
    Boolean(props.view.locks.mahakPersonGroupId) ||
    lists.data.personGroups.some((g) => g.id === value.mahakPersonGroupId);
  const next = () => {
    const patch = sellingPatch(props.view, value);
    if (Object.keys(patch).length === 0) return props.onNext();
    save.mutate(patch, { onSuccess: props.onNext });
  };
  return (
    <>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('lists.help')}
      </Typography>
      <SellingFields view={props.view} lists={lists.data} value={value} onChange={setValue} />
      {save.error && <ErrorAlert error={save.error} />}
      <StepActions onBack={props.onBack} onNext={next} nextDisabled={!groupChosen || save.isPending} />
    </>
  );
}
