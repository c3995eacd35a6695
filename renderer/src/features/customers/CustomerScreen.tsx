import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { BackLink } from '../../components/BackLink';
import { DateText } from '../../components/DateText';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FailureText } from '../../components/FailureText';
import { FieldList } from '../../components/FieldList';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { formatNumber, localDigits } from '../../lib/format';
import { CustomerOrders } from './components/CustomerOrders';
import { LinkStateChip } from './components/LinkStateChip';
import { useCustomer } from './use-customers';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const id = (v: number | null | undefined) => (v === null || v === undefined ? null : localDigits(v));

/** One web customer: the store account beside its Mahak person, then the customer's orders. */
export function CustomerScreen() {
  const { t } = useTranslation('customers');
  const customer = useCustomer(useParams().id ?? '');
  const back = <BackLink to="/customers" label={t('detail.back')} />;
  if (customer.isPending) return <LoadingState />;
  if (customer.isError)
    return (
      <>
        {back}
        <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
      </>
    );
  const c = customer.data;
  const person = c.mahakPerson;
  // A group missing from the pulled list (not pulled yet, or deleted at Mahak) still shows its id, said so.
  const personGroupText = (p: { personGroupId: number | null; personGroupName: string | null }) =>
    p.personGroupId === null
      ? null
      : (p.personGroupName ?? t('detail.personGroupUnknown', { id: localDigits(p.personGroupId) }));
  return (
    <>
      {back}
      <PageHeader title={`${c.firstName} ${c.lastName}`} subtitle={<LinkStateChip state={c.linkState} />} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 3, mb: 3 }}>
        <Section title={t('detail.accountTitle')}>
          <FieldList
            items={[
              [t('detail.name'), `${c.firstName} ${c.lastName}`],
              [t('detail.mobile'), localDigits(c.mobile)],
              [t('detail.email'), c.email],
              [t('detail.createdAt'), <DateText key="c" value={c.createdAt} />],
            ]}
          />
        </Section>
        <Section title={t('detail.mahakTitle')}>
          <FieldList
            items={[
              [t('detail.personId'), id(c.mahakPersonId)],
              [t('detail.clientId'), id(c.personClientId)],
              ...(person
                ? ([
                    [t('detail.mahakName'), person.name],
                    [t('detail.mahakCode'), id(person.code)],
                    [t('detail.mahakMobile'), person.mobile ? localDigits(person.mobile) : null],
                    [t('detail.personGroup'), personGroupText(person)],
                    [t('detail.rowVersion'), id(person.rowVersion)],
                  ] as [string, ReactNode][])
                : []),
              ...(c.push
                ? ([
                    [t('detail.pushState'), t(`detail.pushStates.${c.push.state}`)],
                    [t('detail.pushAttempts'), formatNumber(c.push.attempts)],
                    [t('detail.sentAt'), c.push.sentAt ? <DateText key="s" value={c.push.sentAt} /> : null],
                    ...(c.push.lastError
                      ? [[t('detail.lastError'), <FailureText key="e" raw={c.push.lastError} />]]
                      : []),
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
          {person?.deleted && <Alert severity="warning">{t('detail.deletedInMahak')}</Alert>}
          {c.mahakPersonId !== null && !person && (
            <Typography variant="body2" color="text.secondary">
              {t('detail.notPulled')}
            </Typography>
          )}
        </Section>
      </Box>
      <Section title={t('detail.ordersTitle')}>
        <CustomerOrders orders={c.orders} />
      </Section>
    </>
  );
}
