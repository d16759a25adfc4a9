import { sessionContract } from './auth/session.contract.js';
import { conversationContract } from './conversations/conversation.contract.js';
import { visitorContract } from './conversations/visitor.contract.js';
import { departmentContract } from './departments/department.contract.js';
import { rateLimitContract } from './limits/rate-limit.contract.js';
import { operatorContract } from './operators/operator.contract.js';
import { presenceContract } from './presence/presence.contract.js';
import { routingContract } from './routing/routing.contract.js';
import { statsContract } from './stats/stats.contract.js';
import { historyContract } from './history/history.contract.js';
import { cannedContract } from './canned/canned.contract.js';
import { createMemoryStores } from './stores.js';
import { describe } from 'vitest';

describe('memory stores', () => {
  const make = async () => createMemoryStores();
  conversationContract(make);
  visitorContract(make);
  departmentContract(make);
  operatorContract(make);
  sessionContract(make);
  presenceContract(make);
  routingContract(make);
  rateLimitContract(make);
  statsContract(make);
  historyContract(make);
  cannedContract(make);
});
