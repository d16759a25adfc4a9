import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { linkify, RichText } from './RichText.js';

describe('linkify', () => {
  it('turns http(s) addresses, mailto: and bare e-mail addresses into links, and nothing else', () => {
    expect(linkify('See https://introserv.com/status, or write to support@introserv.com.')).toEqual([
      { text: 'See ' },
      { text: 'https://introserv.com/status', href: 'https://introserv.com/status' },
      { text: ', or write to ' },
      { text: 'support@introserv.com', href: 'mailto:support@introserv.com' },
      { text: '.' },
    ]);
    expect(linkify('mailto:billing@introserv.com?subject=Invoice')).toEqual([{ text: 'mailto:billing@introserv.com?subject=Invoice', href: 'mailto:billing@introserv.com?subject=Invoice' }]);
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'ftp://files.example.com/a', 'file:///etc/passwd', 'vbscript:msgbox']) {
      expect(linkify(text).every((s) => s.href === undefined), text).toBe(true);
    }
    expect(linkify('(http://example.com/a)')).toEqual([{ text: '(' }, { text: 'http://example.com/a', href: 'http://example.com/a' }, { text: ')' }]);
    expect(linkify('plain text, 203.0.113.7')).toEqual([{ text: 'plain text, 203.0.113.7' }]);
  });

  it('renders links that open apart, with no opener and no referrer, and the rest as text', () => {
    const root = document.createElement('div');
    render(<RichText text={'<img src=x onerror=alert(1)> https://introserv.com'} />, root);
    const a = root.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://introserv.com/');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toBe('<img src=x onerror=alert(1)> https://introserv.com');
  });
});
