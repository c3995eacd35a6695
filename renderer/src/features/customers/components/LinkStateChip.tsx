import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { CustomerLinkState } from '../../../../../core/contracts/admin-orders';
import { StatusChip, type StatusTone } from '../../../components/StatusChip';

const tone: Record<CustomerLinkState, StatusTone> = {
  linked: 'success',
  pending: 'info',
  disputed: 'warning',
  failed: 'error',
  none: 'neutral',
};

/** The customer's link to a Mahak person; the tooltip says what to do about it. */
export function LinkStateChip({ state }: { state: CustomerLinkState }) {
  const { t } = useTranslation('customers');
  return (
    <Tooltip title={t(`linkHint.${state}`)}>
      <span>
        <StatusChip tone={tone[state]} label={t(`linkState.${state}`)} />
      </span>
    </Tooltip>
  );
}
