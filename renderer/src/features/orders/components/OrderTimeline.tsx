import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../../../../../core/contracts/admin-orders';
import { DateText } from '../../../components/DateText';
import { formatMoney, localDigits } from '../../../lib/format';
import { useMoneyUnit } from '../../../lib/money-unit';

type Tone = 'success.main' | 'error.main' | 'warning.main' | 'info.main' | 'grey.500';

const tone: Record<TimelineEvent['kind'], Tone> = {
  placed: 'info.main',
  payment_started: 'grey.500',
  paid: 'success.main',
  payment_failed: 'warning.main',
  sent: 'success.main',
  mahak_invoice: 'success.main',
  push_failed: 'error.main',
  disputed: 'warning.main',
  dispute_resolved: 'success.main',
  cancelled: 'error.main',
  expired: 'error.main',
  staff_action: 'grey.500',
};

/** One line of the story in the clerk's words. */
function useEventText() {
  const { t } = useTranslation('orders');
  const unit = useMoneyUnit();
  return (e: TimelineEvent): string => {
    const d = e.detail;
    switch (e.kind) {
      case 'placed':
        return t('timeline.placed', { method: t(`paymentMethod.${String(d.paymentMethod)}`) });
      case 'paid': {
        const amount = formatMoney(Number(d.amount), unit);
        return d.reference
          ? t('timeline.paidRef', { amount, reference: localDigits(String(d.reference)) })
          : t('timeline.paid', { amount });
      }
      case 'mahak_invoice':
        return t('timeline.mahak_invoice', { id: localDigits(String(d.mahakOrderId)) });
      case 'staff_action': {
        const key = String(d.action).replace('.', '_');
        const action = ['order_cancel', 'order_push_now'].includes(key) ? key : 'other';
        const line = t('timeline.staff_action', {
          action: t(`timeline.actions.${action}`),
          by: String(d.by),
        });
        return d.note ? `${line}: «${localDigits(String(d.note))}»` : line;
      }
      case 'cancelled': {
        const reason = ['customer', 'staff', 'payment_timeout'].includes(String(d.reason))
          ? String(d.reason)
          : null;
        return reason
          ? `${t('timeline.cancelled')} (${t(`timeline.cancelReason.${reason}`)})`
          : t('timeline.cancelled');
      }
      default:
        return t(`timeline.${e.kind}`);
    }
  };
}

/** placed → paid → sent to Mahak → Mahak's invoice number, and whatever happened in between; Jalali times. */
export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const text = useEventText();
  return (
    <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {events.map((e, i) => (
        <Box
          component="li"
          key={`${e.kind}-${e.at}-${i}`}
          sx={{ display: 'flex', gap: 1.5, position: 'relative', pb: i === events.length - 1 ? 0 : 2 }}
        >
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: tone[e.kind], flexShrink: 0 }} />
            {i < events.length - 1 && <Box sx={{ width: 2, flexGrow: 1, bgcolor: 'divider', mt: 0.5 }} />}
          </Box>
          <Box>
            <Typography>{text(e)}</Typography>
            <Typography variant="body2" color="text.secondary">
              <DateText value={e.at} />
            </Typography>
          </Box>
        </Box>
      ))}
    </Box>
  );
}
