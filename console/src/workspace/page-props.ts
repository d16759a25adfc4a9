import type { SessionInfo } from '@introserv/shared';
import type { ConsoleApi } from '../api/endpoints.js';
import type { Workspace } from './workspace.js';

/**
 * What every page of the signed-in console receives (the shell's page registry in app/ loads
 * them). `api.client` makes the page's own requests.
 */
export interface PageProps {
  api: ConsoleApi;
  session: SessionInfo;
  workspace: Workspace;
}
