import EditOutlined from '@mui/icons-material/EditOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  normaliseSlug,
  slugProblem,
  WEB_DESCRIPTION_MAX,
  type CatalogueDetail,
  type WebFieldsPatch,
} from '../../../../../core/contracts/admin-catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useUpdateWebFields } from '../use-catalogue';

interface Draft {
  description: string;
  visible: boolean;
  featured: boolean;
  slug: string;
}

const draftOf = (web: CatalogueDetail['web']): Draft => ({
  description: web.description ?? '',
  visible: web.visibility === 'visible',
  featured: web.featured,
  slug: web.slug ?? '',
});

/** Only what the clerk changed is sent; '' clears a text field (null on the wire). */
function patchOf(draft: Draft, saved: Draft): WebFieldsPatch {
  return {
    ...(draft.description !== saved.description ? { description: draft.description.trim() || null } : {}),
    ...(draft.visible !== saved.visible ? { visibility: draft.visible ? 'visible' : 'hidden' } : {}),
    ...(draft.featured !== saved.featured ? { featured: draft.featured } : {}),
    ...(draft.slug !== saved.slug ? { slug: draft.slug.trim() || null } : {}),
  };
}

/** The shop's own fields: checked as typed with the server's rules, saved with one button. */
export function WebFieldsForm({ product }: { product: CatalogueDetail }) {
  const { t } = useTranslation('catalogue');
  const saved = draftOf(product.web);
  const [draft, setDraft] = useState<Draft>(saved);
  // A saved product (or one pulled meanwhile) starts the form again from what the server holds.
  const [basis, setBasis] = useState(product.web);
  if (basis !== product.web) {
    setBasis(product.web);
    setDraft(saved);
  }
  const update = useUpdateWebFields(product.id);
  const normalised = draft.slug.trim() ? normaliseSlug(draft.slug) : '';
  const slugIssue = normalised ? slugProblem(normalised) : undefined;
  const length = [...draft.description.trim()].length;
  const tooLong = length > WEB_DESCRIPTION_MAX;
  const patch = patchOf(draft, saved);
  const dirty = Object.keys(patch).length > 0;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const web = product.web;

  return (
    <Card variant="outlined" component="section" aria-labelledby="web-fields-title">
      <CardHeader
        avatar={<EditOutlined color="primary" />}
        title={t('detail.web.title')}
        slotProps={{ title: { id: 'web-fields-title', component: 'h2', variant: 'h6' } }}
        action={<Chip size="small" color="primary" variant="outlined" label={t('detail.web.badge')} />}
      />
      <CardContent sx={{ pt: 0 }}>
        <Alert severity="success" icon={false} sx={{ mb: 2 }}>
          {t('detail.web.note')}
        </Alert>
        <Box
          component="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty && !slugIssue && !tooLong) update.mutate(patch);
          }}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
        >
          <FormControlLabel
            control={<Switch checked={draft.visible} onChange={(e) => set('visible', e.target.checked)} />}
            label={t('detail.web.visible')}
          />
          <FormControlLabel
            control={<Switch checked={draft.featured} onChange={(e) => set('featured', e.target.checked)} />}
            label={t('detail.web.featured')}
          />
          <TextField
            label={t('detail.web.slug')}
            value={draft.slug}
            onChange={(e) => set('slug', e.target.value)}
            error={slugIssue !== undefined}
            helperText={
              slugIssue
                ? t(`detail.web.slugProblem.${slugIssue}`)
                : normalised && normalised !== draft.slug.trim()
                  ? t('detail.web.slugPreview', { slug: normalised })
                  : t('detail.web.slugHelp')
            }
          />
          <TextField
            label={t('detail.web.description')}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
            multiline
            minRows={4}
            maxRows={12}
            error={tooLong}
            helperText={
              tooLong
                ? t('detail.web.descriptionTooLong', { max: formatNumber(WEB_DESCRIPTION_MAX) })
                : t('detail.web.descriptionHelp', {
                    n: formatNumber(length),
                    max: formatNumber(WEB_DESCRIPTION_MAX),
                  })
            }
          />
          {update.isError && <ErrorAlert error={update.error} />}
          {update.isSuccess && !dirty && <Alert severity="success">{t('detail.web.saved')}</Alert>}
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Button
              type="submit"
              variant="contained"
              disabled={!dirty || !!slugIssue || tooLong || update.isPending}
            >
              {update.isPending ? t('detail.web.saving') : t('detail.web.save')}
            </Button>
            <Button onClick={() => setDraft(saved)} disabled={!dirty || update.isPending}>
              {t('detail.web.reset')}
            </Button>
            <Typography variant="body2" color="text.secondary" sx={{ marginInlineStart: 'auto' }}>
              {web.updatedAt
                ? t('detail.web.lastEdit', { who: web.updatedBy ?? '—', when: formatDateTime(web.updatedAt) })
                : t('detail.web.neverEdited')}
            </Typography>
          </Box>
        </Box>
      </CardContent>
    </Card>
  );
}
