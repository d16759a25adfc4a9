import type { Escalation, EscalationInput, EscalationProposal, LocalTicket, LocalTicketList } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';
import { consoleUrl } from '../api/route-url.js';

/** A ticket number in a path: its digits, without the `#`. */
const digits = (number: string) => number.replace(/^#/, '');

/** The escalation endpoints, each answer parsed by its shared schema. */
export function escalationApi(client: ApiClient) {
  return {
    proposal: (conversationId: string): Promise<EscalationProposal> => client.call('escalations.proposal', { params: { id: conversationId } }),
    list: async (conversationId: string): Promise<Escalation[]> => (await client.call('escalations.ofConversation', { params: { id: conversationId } })).escalations,
    escalate: async (conversationId: string, input: EscalationInput): Promise<Escalation> => (await client.call('escalations.create', { params: { id: conversationId }, body: input })).escalation,
    retry: async (id: string): Promise<Escalation> => (await client.call('escalations.retry', { params: { id } })).escalation,
    attention: async (): Promise<Escalation[]> => (await client.call('escalations.list', { query: { attention: 'true' } })).escalations,
    recent: async (): Promise<Escalation[]> => (await client.call('escalations.list')).escalations,
    tickets: (): Promise<LocalTicketList> => client.call('tickets.list'),
    ticket: async (number: string): Promise<LocalTicket> => (await client.call('tickets.get', { params: { number: digits(number) } })).ticket,
    fileUrl: (number: string, name: string): string => consoleUrl('tickets.file', { params: { number: digits(number), name } }),
  };
}

export type EscalationApi = ReturnType<typeof escalationApi>;
