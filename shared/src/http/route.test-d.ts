import { expectTypeOf, test } from 'vitest';
import type { ConsoleRoutes } from './console-routes.js';
import type { PathParamNames } from './endpoint.js';
import { defineRoutes, type RouteInput, type RouteOutput } from './route.js';
import type { WidgetRoutes } from './widget-routes.js';
import type { CannedResponse } from '../schemas/canned.js';

test('a path’s parameter names are read from it', () => {
  expectTypeOf<PathParamNames<'/api/tickets/:number/files/:name'>>().toEqualTypeOf<'number' | 'name'>();
  expectTypeOf<PathParamNames<'/api/canned'>>().toBeNever();
});

test('a client’s input and output are typed by the route', () => {
  expectTypeOf<RouteInput<ConsoleRoutes['canned.update']>['params']>().toEqualTypeOf<{ id: string }>();
  expectTypeOf<RouteInput<ConsoleRoutes['canned.update']>['body']>().toHaveProperty('shortcut');
  expectTypeOf<RouteOutput<ConsoleRoutes['canned.update']>>().toEqualTypeOf<{ response: CannedResponse }>();
  expectTypeOf<RouteOutput<ConsoleRoutes['canned.delete']>>().toEqualTypeOf<undefined>();
  // Optional query fields make the query optional; a required one makes it required.
  expectTypeOf<RouteInput<ConsoleRoutes['escalations.list']>>().toEqualTypeOf<{ params?: undefined } & { query?: { attention?: 'true' | 'false' | undefined } } & { body?: undefined }>();
  expectTypeOf<RouteInput<WidgetRoutes['settings']>['query']>().toEqualTypeOf<{ site: string; lang?: string | undefined }>();
});

test('a path parameter without a schema does not compile', () => {
  defineRoutes({
    // @ts-expect-error -- `:id` has no schema in `params`
    missing: { method: 'GET', path: '/api/things/:id', access: 'operator', rate: 'none', result: 'empty' },
  });
});
