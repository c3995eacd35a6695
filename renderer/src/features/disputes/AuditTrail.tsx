import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../core/contracts/admin-disputes';
import { formatDateTime } from '../../lib/format';
import { JsonView } from '../../components/JsonView';
import { useDisputeLabels } from './dispute-labels';

/** Who did what to this dispute and when, newest first; the record before and after on demand. */
export function AuditTrail({ entries }: { entries: AuditEntryView[] }) {
  const { t } = useTranslation('disputes');
  const labels = useDisputeLabels();
  return (
    <Box data-testid="audit-trail">
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('audit.title')}
      </Typography>
      {entries.length === 0 && <Typography color="text.secondary">{t('audit.empty')}</Typography>}
      {entries.map((e) => {
        const note = (e.after as { note?: unknown } | null)?.note;
        return (
          <Box key={e.id} sx={{ mb: 1.5 }}>
            <Typography sx={{ fontWeight: 700 }}>{labels.action(e.action)}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('audit.by', { who: e.actorName ?? e.actor, when: formatDateTime(e.at) })}
            </Typography>
            {typeof note === 'string' && <Typography variant="body2">{t('audit.note', { note })}</Typography>}
            <Accordion disableGutters variant="outlined" sx={{ mt: 1 }}>
              <AccordionSummary expandIcon={<ExpandMoreOutlined />}>{t('audit.details')}</AccordionSummary>
              <AccordionDetails>
                <Typography variant="subtitle2">{t('audit.before')}</Typography>
                <JsonView value={e.before} label={t('audit.before')} />
                <Typography variant="subtitle2" sx={{ mt: 1 }}>
                  {t('audit.after')}
                </Typography>
                <JsonView value={e.after} label={t('audit.after')} />
              </AccordionDetails>
            </Accordion>
          </Box>
        );
      })}
    </Box>
  );
}
