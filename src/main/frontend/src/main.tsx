import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { notifyQueriesOnMicrotask } from './app/query-client';
import { applyTheme } from './hooks/use-theme';
import './styles.css';

applyTheme();
notifyQueriesOnMicrotask();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
