import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { queryClient } from './api/queries.js';
import { localeReady } from './i18n.js';
import { SessionProvider } from './session.js';
import { registerServiceWorker } from './sw/register.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const root = createRoot(container);
void localeReady.then(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);

// Once the page has loaded: the app shell kept for use without a network (web/src/sw).
registerServiceWorker();
