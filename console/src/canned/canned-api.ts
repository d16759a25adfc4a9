import { CannedList, CannedResult, type CannedInput, type CannedResponse } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** Canned responses: every operator reads them, admins write them. */
export function cannedApi(client: ApiClient) {
  return {
    async list(): Promise<CannedResponse[]> {
      return (await client.get('/api/canned', CannedList)).responses;
    },
    async create(body: CannedInput): Promise<CannedResponse> {
      return (await client.post('/api/canned', body, CannedResult)).response;
    },
    async update(id: string, body: CannedInput): Promise<CannedResponse> {
      return (await client.request('PUT', `/api/canned/${encodeURIComponent(id)}`, { body, schema: CannedResult })).response;
    },
    remove(id: string): Promise<void> {
      return client.request('DELETE', `/api/canned/${encodeURIComponent(id)}`);
    },
  };
}
