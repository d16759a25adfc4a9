import type { CannedResponse } from '@introserv/shared';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import { cannedApi } from '../canned/canned-api.js';

/** The canned responses for the composer. They change on their own page: read again whenever the chats come back (`onChats`). */
export function useCanned(api: ConsoleApi, onChats: boolean, page: string | undefined): CannedResponse[] {
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  useEffect(() => {
    if (!onChats) return;
    let current = true;
    cannedApi(api.client)
      .list()
      .then(
        (list) => {
          if (current) setCanned(list);
        },
        () => {},
      );
    return () => {
      current = false;
    };
  }, [api, page]);
  return canned;
}
