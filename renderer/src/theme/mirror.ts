import type { SxProps, Theme } from '@mui/material/styles';

/**
 * For icons that point (arrows, chevrons, «next», «back»): mirrored in RTL so «next» points left in
 * Persian. Non-pointing icons (sync, check, warning) must not use it. `<ArrowForward sx={mirrorInRtl} />`
 */
export const mirrorInRtl: SxProps<Theme> = (theme) =>
  theme.direction === 'rtl' ? { transform: 'scaleX(-1)' } : {};
