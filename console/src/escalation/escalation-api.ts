import {
  EscalationList,
  EscalationProposal,
  EscalationResult,
  LocalTicketList,
  LocalTicketResult,
  type Escalation,
  type EscalationInput,
  type LocalTicket,
} from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** The escalation endpoints, each answer parsed by its shared schema. */
export function escalationApi(client: ApiClient) {
  const conv = (id: string) => `/api/conversations/${encodeURIComponent(id)}/escalations`;
  return {
    proposal: (conversationId: string): Promise<EscalationProposal> => client.get(`${conv(conversationId)}/proposal`, EscalationProposal),
    list: async (conversationId: string): Promise<Escalation[]> => (await client.get(conv(conversationId), EscalationList)).escalations,
    escalate: async (conversationId: string, input: EscalationInput): Promise<Escalation> => (await client.post(conv(conversationId), input, EscalationResult)).escalation,
    retry: async (id: string): Promise<Escalation> => (await client.request('POST', `/api/escalations/${encodeURIComponent(id)}/retry`, { schema: EscalationResult })).escalation,
    attention: async (): Promise<Escalation[]> => (await client.get('/api/escalations?attention=true', EscalationList)).escalations,
    recent: async (): Promise<Escalation[]> => (await client.get('/api/escalations', EscalationList)).escalations,
    tickets: (): Promise<LocalTicketList> => client.get('/api/tickets', LocalTicketList),
    ticket: async (number: string): Promise<LocalTicket> => (await client.get(`/api/tickets/${encodeURIComponent(number.replace(/^#/, ''))}`, LocalTicketResult)).ticket,
    fileUrl: (number: string, name: string): string => `/api/tickets/${encodeURIComponent(number.replace(/^#/, ''))}/files/${encodeURIComponent(name)}`,
  };
}

export type EscalationApi = ReturnType<typeof escalationApi>;
