import AccountCircle from '@mui/icons-material/AccountCircle';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/use-me';
import { signOut } from '../auth/use-session';

export const changePasswordPath = '/account/password';

/** The signed-in user's name and role, with change password and sign out. */
export function UserMenu() {
  const { t } = useTranslation('common');
  const { me } = useMe();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const menuId = useId();
  const close = () => setAnchor(null);
  const onSignOut = async () => {
    close();
    await signOut();
    // Nothing of the previous user's data may show to the next one on a shared shop PC.
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };
  return (
    <>
      <Button
        color="inherit"
        startIcon={<AccountCircle />}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="user-menu"
      >
        {me ? `${me.username} (${t(`user.role.${me.role}`)})` : t('user.menu')}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={close}>
        <MenuItem
          onClick={() => {
            close();
            navigate(changePasswordPath);
          }}
        >
          {t('user.changePassword')}
        </MenuItem>
        <MenuItem onClick={() => void onSignOut()} data-testid="sign-out">
          {t('user.signOut')}
        </MenuItem>
      </Menu>
    </>
  );
}
