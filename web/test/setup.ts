import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../src/i18n';

initI18n('it');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
