import { afterEach, describe, expect, it } from 'vitest';
import { currentPage } from './visitor-identity.js';

describe('the page URL the widget sends', () => {
  afterEach(() => {
    document.querySelectorAll('script[data-site]').forEach((s) => s.remove());
    history.replaceState(null, '', '/');
  });

  const embed = (attributes: Record<string, string>) => {
    const script = document.createElement('script');
    for (const [k, v] of Object.entries(attributes)) script.setAttribute(k, v);
    document.head.append(script);
  };

  it('leaves out the query and the fragment by default', () => {
    embed({ 'data-site': 'introserv' });
    history.replaceState(null, '', '/account/reset?token=s3cret&email=ana%40example.com#step-2');
    expect(currentPage().url).toBe(`${location.origin}/account/reset`);
  });

  it('sends the full URL when the site owner opts in with data-full-url', () => {
    embed({ 'data-site': 'introserv', 'data-full-url': '' });
    history.replaceState(null, '', '/vps?plan=large#order');
    expect(currentPage().url).toBe(`${location.origin}/vps?plan=large#order`);
  });
});
