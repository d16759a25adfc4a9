import type { CannedInput, CannedResponse } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** Canned responses: every operator reads them, admins write them. */
export function cannedApi(client: ApiClient) {
  return {
    async list(): Promise<CannedResponse[]> {
      return (await client.call('canned.list')).responses;
    },
    async create(body: CannedInput): Promise<CannedResponse> {
      return (await client.call('canned.create', { body })).response;
    },
    async update(id: string, body: CannedInput): Promise<CannedResponse> {
      return (await client.call('canned.update', { params: { id }, body })).response;
    },
    remove(id: string): Promise<void> {
      return client.call('canned.delete', { params: { id } });
    },
  };
}
