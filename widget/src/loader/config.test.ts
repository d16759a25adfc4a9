import { describe, expect, it } from 'vitest';
import { DEFAULT_Z_INDEX, readConfig } from './config.js';

function tag(attrs: Record<string, string>, src = 'https://chat.example.com/widget/loader.js'): HTMLScriptElement {
  const script = document.createElement('script');
  script.src = src;
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  return script;
}

describe('readConfig', () => {
  it('requires data-site', () => {
    expect(readConfig(tag({}))).toBeNull();
  });

  it('defaults the server to the origin of the loader, the top z-index, and leaves the rest to the server’s settings', () => {
    expect(readConfig(tag({ 'data-site': 'introserv' }))).toEqual({
      siteId: 'introserv',
      language: '',
      server: 'https://chat.example.com',
      zIndex: DEFAULT_Z_INDEX,
      position: undefined,
      color: undefined,
      department: undefined,
      open: false,
    });
  });

  it('reads every data-* option', () => {
    const config = readConfig(
      tag({
        'data-site': 'introserv',
        'data-lang': 'tr',
        'data-server': 'https://ws.example.net/',
        'data-z-index': '999',
        'data-position': 'left',
        'data-color': '#7B1FA2',
        'data-department': 'technical',
        'data-open': '',
      }),
    );
    expect(config).toEqual({ siteId: 'introserv', language: 'tr', server: 'https://ws.example.net', zIndex: 999, position: 'left', color: '#7B1FA2', department: 'technical', open: true });
  });

  it('ignores a malformed z-index, an unknown position, and a colour that is not #rrggbb (nothing else reaches a stylesheet)', () => {
    const config = readConfig(tag({ 'data-site': 's', 'data-z-index': 'top', 'data-position': 'center', 'data-color': 'red;}*{display:none', 'data-open': 'false' }));
    expect(config).toMatchObject({ zIndex: DEFAULT_Z_INDEX, position: undefined, color: undefined, open: false });
  });

  it('resolves a relative loader src against the page', () => {
    expect(readConfig(tag({ 'data-site': 's' }, '/widget/loader.js'))?.server).toBe(location.origin);
  });
});
