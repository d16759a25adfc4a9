import type { Colleague } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** Whom a chat can be transferred to (every operator may ask); kept apart from the team's calls, which load with their page. */
export async function fetchColleagues(client: ApiClient): Promise<Colleague[]> {
  return (await client.call('colleagues.list')).operators;
}
