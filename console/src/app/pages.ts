import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleKey } from '../i18n/i18n.js';
import type { PageProps } from '../workspace/page-props.js';

/**
 * A page beside the chats (tickets, history, team, settings, dashboard). Its code is
 * loaded on first visit, so the chat view the operators live in stays light.
 */
export interface PageSpec {
  /** The route: `#/<id>`. */
  id: string;
  label: ConsoleKey;
  adminOnly?: boolean;
  load: () => Promise<ComponentType<PageProps>>;
}

/**
 * The console's pages, in navigation order. A feature adds its entry here, e.g.
 * `{ id: 'tickets', label: 'nav.tickets', load: () => import('../tickets/TicketsPage.js').then((m) => m.TicketsPage) }`.
 */
export const PAGES: readonly PageSpec[] = [
  { id: 'tickets', label: 'nav.tickets', load: () => import('../tickets/TicketsPage.js').then((m) => m.TicketsPage) },
  { id: 'history', label: 'nav.history', load: () => import('../history/HistoryPage.js').then((m) => m.HistoryPage) },
  { id: 'canned', label: 'nav.canned', load: () => import('../canned/CannedPage.js').then((m) => m.CannedPage) },
  { id: 'team', label: 'nav.team', adminOnly: true, load: () => import('../team/TeamPage.js').then((m) => m.TeamPage) },
  { id: 'dashboard', label: 'nav.dashboard', adminOnly: true, load: () => import('../dashboard/DashboardPage.js').then((m) => m.DashboardPage) },
  { id: 'settings', label: 'nav.settings', adminOnly: true, load: () => import('../settings/SettingsPage.js').then((m) => m.SettingsPage) },
  { id: 'profile', label: 'nav.profile', load: () => import('../team/ProfilePage.js').then((m) => m.ProfilePage) },
];

/** The route of the chats, the console's home. */
export const CHATS = 'chats';

function routeOf(hash: string): string {
  return /^#\/([\w-]+)/.exec(hash)?.[1] ?? CHATS;
}

/** The page the address names (`#/tickets`), following the back and forward buttons. */
export function useRoute(): [string, (id: string) => void] {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const go = (id: string): void => {
    location.hash = id === CHATS ? '' : `#/${id}`;
    setRoute(id);
  };
  return [route, go];
}
