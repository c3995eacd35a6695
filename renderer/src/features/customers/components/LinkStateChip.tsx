import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { useTranslation } from 'react-i18next';
import type { CustomerLinkState } from '../../../../../core/contracts/admin-orders';

const color: Record<CustomerLinkState, ChipProps['color']> = {
  linked: 'success',
  pending: 'info',
  disputed: 'warning',
  failed: 'error',
  none: 'default',
};

/** The customer's link to a Mahak person; the tooltip says what to do about it. */
export function LinkStateChip({ state }: { state: CustomerLinkState }) {
  const { t } = useTranslation('customers');
  return (
    <Tooltip title={t(`linkHint.${state}`)}>
      <Chip size="small" variant="outlined" color={color[state]} label={t(`linkState.${state}`)} />
    </Tooltip>
  );
}
