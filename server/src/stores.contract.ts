import type { StoresFactory } from './testing/store-fixtures.js';
import { sessionContract } from './auth/session.contract.js';
import { conversationContract } from './conversations/conversation.contract.js';
import { visitorContract } from './conversations/visitor.contract.js';
import { departmentContract } from './departments/department.contract.js';
import { rateLimitContract } from './limits/rate-limit.contract.js';
import { retentionContract } from './conversations/retention.contract.js';
import { operatorContract } from './operators/operator.contract.js';
import { presenceContract } from './presence/presence.contract.js';
import { routingContract } from './routing/routing.contract.js';
import { escalationContract } from './tickets/escalation.contract.js';
import { ticketContract } from './tickets/ticket.contract.js';
import { statsContract } from './stats/stats.contract.js';
import { historyContract } from './history/history.contract.js';
import { cannedContract } from './canned/canned.contract.js';
import { settingsContract } from './settings/settings.contract.js';
import { receiptContract } from './receipts/receipt.contract.js';
import { queuedContract, queueStatsContract } from './waiting/queue-stats.contract.js';
import { attachmentContract } from './attachments/attachment.contract.js';
import { ratingContract } from './conversations/rating.contract.js';

/**
 * The one contract suite of the store ports: every port's cases, run by `stores.memory.test.ts`
 * and `stores.redis.test.ts` against each implementation. A new port adds its contract here.
 */
export function storeContracts(make: StoresFactory): void {
  conversationContract(make);
  visitorContract(make);
  departmentContract(make);
  operatorContract(make);
  sessionContract(make);
  presenceContract(make);
  routingContract(make);
  rateLimitContract(make);
  retentionContract(make);
  escalationContract(make);
  ticketContract(make);
  statsContract(make);
  historyContract(make);
  cannedContract(make);
  settingsContract(make);
  receiptContract(make);
  queueStatsContract(make);
  queuedContract(make);
  attachmentContract(make);
  ratingContract(make);
}
