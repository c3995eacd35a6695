import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  supportBundleFileNameOf,
  supportBundleHeadersSchema,
  supportBundlePath,
} from '../../../../core/contracts/admin-doctor';
import { apiClient } from '../../api/api-client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { saveFile } from '../../lib/save-file';

/**
 * The support bundle `hamgam doctor --bundle` writes, from the desk (owner only): a zip with the
 * health report, the settings with every secret replaced and the newest logs, to send to support.
 */
export function SupportBundleButton() {
  const { t } = useTranslation('settings');
  const download = useMutation({
    mutationFn: async () => {
      const file = await apiClient.download(supportBundlePath, supportBundleHeadersSchema);
      const name = supportBundleFileNameOf(file.headers['content-disposition']);
      saveFile(file.blob, name);
      return name;
    },
  });
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('doctor.bundle.description')}
      </Typography>
      <Button
        variant="outlined"
        startIcon={<DownloadOutlined />}
        onClick={() => download.mutate()}
        disabled={download.isPending}
        data-testid="support-bundle"
      >
        {download.isPending ? t('doctor.bundle.preparing') : t('doctor.bundle.download')}
      </Button>
      {download.error && <ErrorAlert error={download.error} />}
      {download.data && (
        <Alert severity="success" sx={{ mt: 1 }} data-testid="support-bundle-done">
          {t('doctor.bundle.done')} <bdi dir="ltr">{download.data}</bdi>
        </Alert>
      )}
    </Box>
  );
}
