import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableTheme } from './api';
import { App } from './app';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // The page renders at once; the theme's token values arrive when loaded (fallbacks meanwhile).
  void enableTheme().catch(() => undefined);
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
