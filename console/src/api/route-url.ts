import { consoleRoutes, pathTo, withQuery, type ConsoleRoutes, type RouteInput } from '@introserv/shared';

export type ConsoleRouteName = keyof ConsoleRoutes;

/** What a route takes (params, query, body), as a rest argument: optional when none of it is required. */
export type RouteArgs<K extends ConsoleRouteName> = object extends RouteInput<ConsoleRoutes[K]> ? [input?: RouteInput<ConsoleRoutes[K]>] : [input: RouteInput<ConsoleRoutes[K]>];

/**
 * A console route's URL (path parameters filled in, query appended), for what the browser
 * fetches itself: links to files and transcripts, the upload's XHR.
 *
 * @example
 * consoleUrl('attachments.get', { params: { id: 'f_1' } }) // '/api/attachments/f_1'
 */
export function consoleUrl<K extends ConsoleRouteName>(name: K, ...[input]: RouteArgs<K>): string {
  const { path } = consoleRoutes[name];
  const given = input as { params?: Record<string, string>; query?: object } | undefined;
  return withQuery(pathTo(path, given?.params), given?.query);
}
