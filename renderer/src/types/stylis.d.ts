// stylis ships no types; the desk only passes its prefixer to Emotion (theme/emotion-cache.ts).
declare module 'stylis' {
  import type { StylisPlugin } from '@emotion/cache';
  export const prefixer: StylisPlugin;
}
