import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisputeWorkbench } from '../../../../core/contracts/admin-disputes';
import type { OrderEditInput, ResolveDisputeRequest } from '../../../../core/contracts/admin';
import type { DisputeResolution } from '../../../../core/contracts/orders';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, localDigits } from '../../lib/format';
import { readableName, useDisputeLabels } from './dispute-labels';
import { useResolveDispute } from './use-disputes';

interface Props {
  workbench: DisputeWorkbench;
  onResolved: () => void;
}

/** The resolutions this dispute allows, one button each; each asks first and says what it will do. */
export function ResolutionPanel({ workbench, onResolved }: Props) {
  const { t } = useTranslation('disputes');
  const labels = useDisputeLabels();
  const { dispute, comparison } = workbench;
  const resolve = useResolveDispute(dispute.id);
  const [chosen, setChosen] = useState<DisputeResolution | null>(null);
  const [note, setNote] = useState('');
  const edits = comparison.suggestedEdits;
  const editable = dispute.kind === 'person' ? comparison.suggestedPersonGroupId !== null : edits.length > 0;
  const submit = async () => {
    if (!chosen) return;
    const request: ResolveDisputeRequest = {
      resolution: chosen,
      ...(chosen === 'edit_and_resend' && dispute.kind === 'order' ? { edits } : {}),
      ...(chosen === 'edit_and_resend' && comparison.suggestedPersonGroupId !== null
        ? { personGroupId: comparison.suggestedPersonGroupId }
        : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    try {
      await resolve.mutateAsync(request);
      setChosen(null);
      setNote('');
      onResolved();
    } catch {
      // Shown by the ErrorAlert below; the dialog closes so the clerk sees it.
      setChosen(null);
    }
  };
  return (
    <Box>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {t('actions.title')}
      </Typography>
      {resolve.error && <ErrorAlert error={resolve.error} />}
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, alignItems: 'stretch' }}>
        {dispute.allowed.map((r) => (
          <Button
            key={r}
            variant={r === 'cancel_order' ? 'outlined' : 'contained'}
            color={r === 'cancel_order' ? 'error' : 'primary'}
            disabled={r === 'edit_and_resend' && !editable}
            onClick={() => setChosen(r)}
            data-testid={`resolve-${r}`}
          >
            {labels.resolution(r)}
          </Button>
        ))}
      </Box>
      <ConfirmDialog
        open={chosen !== null}
        title={chosen ? t('actions.confirmTitle', { resolution: labels.resolution(chosen) }) : ''}
        danger={chosen === 'cancel_order'}
        busy={resolve.isPending}
        confirmLabel={chosen ? labels.resolution(chosen) : undefined}
        onConfirm={submit}
        onCancel={() => setChosen(null)}
        message={
          chosen && (
            <>
              <Typography sx={{ mb: 1 }}>{t(`resolutionHelp.${chosen}`)}</Typography>
              {chosen === 'edit_and_resend' && <EditList workbench={workbench} edits={edits} />}
              <TextField
                fullWidth
                size="small"
                label={t('actions.note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'resolve-note' } }}
                sx={{ mt: 2 }}
              />
            </>
          )
        }
      />
    </Box>
  );
}

function EditList({ workbench, edits }: { workbench: DisputeWorkbench; edits: OrderEditInput[] }) {
  const { t } = useTranslation('disputes');
  const labels = useDisputeLabels();
  const payload = workbench.dispute.payload as {
    lines?: { productName: string; unitPrice: number; quantity: number }[];
  };
  const group = workbench.comparison.suggestedPersonGroupId;
  if (workbench.dispute.kind === 'person' && group !== null)
    return <Typography>{t('edit.personGroup', { group: localDigits(group) })}</Typography>;
  return (
    <>
      <Typography>{t('actions.edits')}</Typography>
      <List dense data-testid="resolve-edits">
        {edits.map((e) => {
          const line = payload.lines?.[e.lineIndex];
          const name = line ? readableName(line.productName) : localDigits(e.lineIndex + 1);
          const text =
            e.kind === 'remove_line'
              ? t('edit.remove_line', { name })
              : e.kind === 'set_unit_price'
                ? t('edit.set_unit_price', {
                    name,
                    from: labels.money(line?.unitPrice ?? 0),
                    to: labels.money(e.unitPrice),
                  })
                : t('edit.set_quantity', {
                    name,
                    from: formatNumber(line?.quantity ?? 0),
                    to: formatNumber(e.quantity),
                  });
          return (
            <ListItem key={`${e.kind}-${e.lineIndex}`} disableGutters>
              {text}
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
