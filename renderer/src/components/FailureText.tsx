import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { failureParts } from '../lib/failure-text';

interface FailureTextProps {
  /** The failure as the server stored it (lib/failure-text.ts). */
  raw: string;
  /** Smaller text, for a list's second line. */
  dense?: boolean;
}

/**
 * A stored failure as a clerk reads it: Mahak's own words when they are in the desk's language, else
 * a sentence for the kind of failure; English system text only inside a closed «technical details»
 * box, set apart left to right so it never runs into a Persian sentence.
 */
export function FailureText({ raw, dense = false }: FailureTextProps) {
  const { t, i18n } = useTranslation('common');
  const { kind, said, technical } = failureParts(raw, i18n.language);
  const variant = dense ? 'body2' : 'body1';
  return (
    <Box component="span" sx={{ display: 'block' }} data-testid="failure-text">
      <Typography component="span" variant={variant} sx={{ display: 'block', overflowWrap: 'anywhere' }}>
        {said ?? t(`failure.kind.${kind}`)}
      </Typography>
      {technical && <TechnicalDetails text={technical} />}
    </Box>
  );
}

/**
 * System text (English, a stack line, a field name) for support: in a closed box under a Persian
 * label, marked English and left to right, so it never runs into the Persian line above it.
 */
export function TechnicalDetails({ text }: { text: string }) {
  const { t } = useTranslation('common');
  return (
    <Box component="details" sx={{ mt: 0.5 }} data-testid="technical-details">
      <Typography component="summary" variant="caption" color="text.secondary" sx={{ cursor: 'pointer' }}>
        {t('failure.technical')}
      </Typography>
      <Box
        component="code"
        dir="ltr"
        lang="en"
        data-latin
        sx={{ display: 'block', fontSize: '0.75rem', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
      >
        {text}
      </Box>
    </Box>
  );
}
