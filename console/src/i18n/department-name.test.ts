import { describe, expect, it } from 'vitest';
import { departmentName } from './department-name.js';
import { i18n, initI18n, type Translate } from './i18n.js';

describe('departmentName', () => {
  it('prefers an admin’s name in the language, then the locale’s built-in name, then English, then the id', async () => {
    await initI18n('de');
    const t = i18n.t.bind(i18n) as Translate;
    expect(departmentName('technical', t, 'de')).toBe('Technische Fragen');
    expect(departmentName('technical', t, 'de', [{ id: 'technical', names: { de: 'Technik' } }])).toBe('Technik');
    expect(departmentName('sales', t, 'de', [{ id: 'sales', names: { en: 'Sales' } }])).toBe('Sales');
    expect(departmentName('sales', t, 'de')).toBe('sales');
  });
});
