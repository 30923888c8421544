import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import type { PortalConfig } from './app';
import { startI18n } from './i18n/i18n';
import './styles.css';

async function start(): Promise<void> {
  const [config] = await Promise.all([fetch('/portal-config.json').then(async (response) => (await response.json()) as PortalConfig), startI18n()]);
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void start();
