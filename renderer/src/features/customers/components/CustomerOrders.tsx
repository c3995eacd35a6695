import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { AdminOrderSummary } from '../../../../../core/contracts/admin-orders';
import { DateText } from '../../../components/DateText';
import { MoneyText } from '../../../components/MoneyText';
import { localDigits } from '../../../lib/format';

/** The customer's orders, newest first, each linking to its order screen. */
export function CustomerOrders({ orders }: { orders: AdminOrderSummary[] }) {
  const { t } = useTranslation('customers');
  if (orders.length === 0) return <Typography color="text.secondary">{t('detail.noOrders')}</Typography>;
  return (
    <Table size="small" aria-label={t('detail.ordersTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('detail.orderNumber')}</TableCell>
          <TableCell>{t('detail.orderDate')}</TableCell>
          <TableCell>{t('detail.orderTotal')}</TableCell>
          <TableCell>{t('detail.orderStatus')}</TableCell>
          <TableCell>{t('detail.orderMahak')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {orders.map((o) => (
          <TableRow key={o.id}>
            <TableCell>
              <Link component={RouterLink} to={`/orders/${o.id}`} underline="hover">
                {localDigits(o.number)}
              </Link>
            </TableCell>
            <TableCell>
              <DateText value={o.createdAt} />
            </TableCell>
            <TableCell>
              <MoneyText rial={o.total} />
            </TableCell>
            <TableCell>{t(`detail.orderStates.${o.status}`)}</TableCell>
            <TableCell>{o.mahakOrderId === null ? '—' : localDigits(o.mahakOrderId)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
