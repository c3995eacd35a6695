import ArrowDropDown from '@mui/icons-material/ArrowDropDown';
import SyncOutlined from '@mui/icons-material/SyncOutlined';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SyncNowControlsProps {
  running: boolean;
  busy: boolean;
  onSyncNow: () => void;
  onPreview: () => void;
  onRecord: () => void;
}

/** The big «sync now» button, with the preview and the one-record sync in its menu. */
export function SyncNowControls({ running, busy, onSyncNow, onPreview, onRecord }: SyncNowControlsProps) {
  const { t } = useTranslation('status');
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const pick = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <>
      <ButtonGroup variant="contained" ref={anchor} size="large">
        <Button startIcon={<SyncOutlined />} onClick={onSyncNow} disabled={busy} data-testid="sync-now">
          {t('actions.syncNow')}
        </Button>
        <Button
          size="small"
          aria-label={t('actions.more')}
          aria-haspopup="menu"
          aria-controls={open ? menuId : undefined}
          aria-expanded={open}
          onClick={() => setOpen(true)}
          data-testid="sync-more"
        >
          <ArrowDropDown />
        </Button>
      </ButtonGroup>
      <Menu id={menuId} anchorEl={anchor.current} open={open} onClose={() => setOpen(false)}>
        <MenuItem onClick={pick(onPreview)} disabled={running} data-testid="sync-preview">
          {t('actions.preview')}
        </MenuItem>
        <MenuItem onClick={pick(onRecord)} data-testid="sync-record">
          {t('actions.record')}
        </MenuItem>
      </Menu>
    </>
  );
}
