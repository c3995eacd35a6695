import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../../../../core/contracts/admin-orders';
import { MoneyText } from '../../../components/MoneyText';
import { formatNumber, localDigits } from '../../../lib/format';
import { readableLineName } from '../../../../../core/contracts/variant-properties';

/** The order's lines and totals, as priced at checkout (rial, shown in the shop's unit). */
export function OrderLines({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation('orders');
  const total = (label: string, rial: number) => (
    <TableRow>
      <TableCell colSpan={4}>{label}</TableCell>
      <TableCell>
        <MoneyText rial={rial} />
      </TableCell>
    </TableRow>
  );
  return (
    // Figures and their heads stay on one line; the product column takes the rest of the width
    // (a table gives «width: 100%» to the one column whose others are as narrow as their content).
    <Table
      size="small"
      aria-label={t('detail.linesTitle')}
      sx={{ '& th, & td': { whiteSpace: 'nowrap' }, '& .line-name': { whiteSpace: 'normal', width: '100%' } }}
    >
      <TableHead>
        <TableRow>
          <TableCell className="line-name">{t('detail.lines.product')}</TableCell>
          <TableCell>{t('detail.lines.quantity')}</TableCell>
          <TableCell>{t('detail.lines.unitPrice')}</TableCell>
          <TableCell>{t('detail.lines.tax')}</TableCell>
          <TableCell>{t('detail.lines.total')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {order.lines.map((l) => (
          <TableRow key={l.variantId}>
            <TableCell className="line-name" data-testid="line-name">
              {localDigits(readableLineName(l.productName))}
            </TableCell>
            <TableCell>{formatNumber(l.quantity)}</TableCell>
            <TableCell>
              <MoneyText rial={l.unitPrice} />
            </TableCell>
            <TableCell>
              <MoneyText rial={l.taxAmount + l.chargeAmount} />
            </TableCell>
            <TableCell>
              <MoneyText rial={l.lineTotal} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem' } }}>
        {total(
          t('detail.lines.itemsTotal'),
          order.totals.itemsTotal + order.totals.taxTotal + order.totals.chargeTotal,
        )}
        {total(t('detail.lines.shipping'), order.totals.shippingCost)}
        {total(t('detail.lines.grandTotal'), order.totals.total)}
      </TableFooter>
    </Table>
  );
}
