import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useMe } from '../auth/use-me';
import { navFeatures } from './feature-registry';

export const drawerWidth = 232;

/**
 * The side navigation, built from the feature registry. anchor="left" means the start side: MUI flips
 * it to the right in RTL, so in Persian the menu sits where the eye starts reading.
 */
export function NavDrawer() {
  const { t } = useTranslation();
  const { isOwner } = useMe();
  return (
    <Drawer
      variant="permanent"
      anchor="left"
      sx={{
        width: drawerWidth,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width: drawerWidth, boxSizing: 'border-box' },
      }}
    >
      <Toolbar />
      <nav aria-label={t('common:nav.label')}>
        <List>
          {navFeatures(isOwner).map((feature) => (
            // A <ul> may only hold <li>s (axe "list"): each link sits in its own list item.
            <ListItem key={feature.id} disablePadding>
              <ListItemButton
                component={NavLink}
                to={feature.path}
                sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 700 } }}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>
                  <feature.icon />
                </ListItemIcon>
                <ListItemText primary={t(feature.navLabelKey)} />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      </nav>
    </Drawer>
  );
}
