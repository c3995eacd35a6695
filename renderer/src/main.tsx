// Vazirmatn is bundled with the desk (no CDN: shop PCs are often offline); 400/500/700 cover MUI's weights.
import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/500.css';
import '@fontsource/vazirmatn/700.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createQueryClient } from './app/query-client';
import { initI18n } from './i18n/i18n';
import { ShopMoneyUnit } from './features/settings/ShopMoneyUnit';
import { DeskThemeProvider } from './theme/DeskThemeProvider';

async function start(): Promise<void> {
  await initI18n();
  const queryClient = createQueryClient();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <DeskThemeProvider>
          {/* The shop's saved unit (rial/toman) from the settings, for every amount on the desk. */}
          <ShopMoneyUnit>
            <App />
          </ShopMoneyUnit>
        </DeskThemeProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
