import type { Language, PageInfo, VisitorHello } from '@introserv/shared/client';
import type { Identity } from '../../embed.js';
import type { Profile } from './chat-state.js';

export interface HelloInput {
  siteId: string;
  token: string | null;
  language: Language;
  page: PageInfo;
  timeZone: string;
  /** The cursor of the last stored message: the server replays what came after it. */
  since: string | undefined;
  /** `data-department`, else the pre-chat form's. */
  department: string | undefined;
  profile: Profile | null;
  identity: Identity | null;
}

/** The hello of each connection: who the visitor is, where they are, and what they have seen already. */
export function helloPayload({ siteId, token, language, page, timeZone, since, department, profile, identity }: HelloInput): VisitorHello {
  return {
    siteId,
    visitorToken: token,
    language,
    page,
    timeZone,
    ...(since ? { since } : {}),
    ...(department ? { department } : {}),
    ...(profile?.name || profile?.email ? { profile: { ...(profile.name ? { name: profile.name } : {}), ...(profile.email ? { email: profile.email } : {}) } } : {}),
    ...(identity ? { identity } : {}),
  };
}
