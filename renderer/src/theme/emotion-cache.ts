import createCache, { type EmotionCache } from '@emotion/cache';
import rtlPlugin from '@mui/stylis-plugin-rtl';
import { prefixer } from 'stylis';

/**
 * Two Emotion caches, one per direction. The rtl one runs every style through stylis-plugin-rtl, which
 * flips physical properties (left<->right, margins, paddings) so MUI's components mirror; the ltr one is
 * MUI's plain setup. Different keys keep their class names from colliding when the user switches.
 */
const rtlCache: EmotionCache = createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] });
const ltrCache: EmotionCache = createCache({ key: 'muiltr' });

export const emotionCacheFor = (direction: 'rtl' | 'ltr'): EmotionCache =>
  direction === 'rtl' ? rtlCache : ltrCache;
