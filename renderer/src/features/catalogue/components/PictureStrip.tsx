import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { CatalogueDetail } from '../../../../../core/contracts/admin-catalogue';
import { StatusChip } from '../../../components/StatusChip';
import { formatNumber } from '../../../lib/format';

const statusTone = { downloaded: 'success', pending: 'info', failed: 'warning' } as const;

/** The product's pictures with their download state; a failed one shows its last error. */
export function PictureStrip({ product }: { product: CatalogueDetail }) {
  const { t } = useTranslation('catalogue');
  if (product.pictures.length === 0)
    return <Typography color="text.secondary">{t('detail.pictures.none')}</Typography>;
  return (
    <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, m: 0 }}>
      {product.pictures.map((p) => (
        <Box component="li" key={p.id} sx={{ width: 140 }}>
          <Box
            sx={{
              width: 140,
              height: 140,
              borderRadius: 1,
              bgcolor: 'grey.100',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              overflow: 'hidden',
              mb: 1,
            }}
          >
            {p.url && (
              <img
                src={p.url}
                alt={t('detail.pictures.alt', { name: product.mahak.name })}
                style={{ maxWidth: '100%', maxHeight: '100%' }}
              />
            )}
          </Box>
          <StatusChip tone={statusTone[p.status]} label={t(`detail.pictures.status.${p.status}`)} />
          {p.status === 'failed' && (
            <Typography
              variant="caption"
              component="p"
              color="text.secondary"
              sx={{ overflowWrap: 'anywhere', mt: 0.5 }}
            >
              {t('detail.pictures.attempts', { n: formatNumber(p.attempts) })}
              {p.lastError ? ` — ${p.lastError}` : ''}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
