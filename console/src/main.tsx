import { render } from 'preact';
import { App } from './app/App.js';
import './app/app.css';
import './settings/settings.css';
import { initI18n, initialLanguage } from './i18n/i18n.js';

const root = document.getElementById('app');
if (root) {
  void initI18n(initialLanguage()).then(() => render(<App />, root));
}
