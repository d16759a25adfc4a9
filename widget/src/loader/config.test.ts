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
    expect(readConfig(tag({}), ['en'])).toBeNull();
  });

  it('defaults the server to the origin of the loader and the rest to right, top z-index', () => {
    expect(readConfig(tag({ 'data-site': 'introserv' }), ['fr-CA', 'en'])).toEqual({
      siteId: 'introserv',
      language: 'fr',
      server: 'https://chat.example.com',
      position: 'right',
      zIndex: DEFAULT_Z_INDEX,
    });
  });

  it('reads every data-* option', () => {
    const config = readConfig(
      tag({ 'data-site': 'introserv', 'data-lang': 'tr', 'data-server': 'https://ws.example.net/', 'data-z-index': '999', 'data-position': 'left' }),
      ['de'],
    );
    expect(config).toEqual({ siteId: 'introserv', language: 'tr', server: 'https://ws.example.net', position: 'left', zIndex: 999 });
  });

  it('falls back to the browser languages when data-lang is unsupported, and to en when nothing matches', () => {
    expect(readConfig(tag({ 'data-site': 's', 'data-lang': 'it' }), ['hr-HR'])?.language).toBe('hr');
    expect(readConfig(tag({ 'data-site': 's' }), ['RU'])?.language).toBe('ru');
    expect(readConfig(tag({ 'data-site': 's' }), ['ja', 'zh-CN'])?.language).toBe('en');
  });

  it('ignores a malformed z-index and an unknown position', () => {
    const config = readConfig(tag({ 'data-site': 's', 'data-z-index': 'top', 'data-position': 'center' }), []);
    expect(config).toMatchObject({ zIndex: DEFAULT_Z_INDEX, position: 'right', language: 'en' });
  });

  it('resolves a relative loader src against the page', () => {
    expect(readConfig(tag({ 'data-site': 's' }, '/widget/loader.js'), [])?.server).toBe(location.origin);
  });
});
