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
  retentionContract(make);
  escalationContract(make);
  ticketContract(make);
});
