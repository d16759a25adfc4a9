import { z } from 'zod';
import { Conversation } from './conversation.js';
import { ClientMessageId, Cursor, EntityId } from './ids.js';
import { Message, MessageText } from './message.js';
import { DepartmentId } from './department.js';
import { Language } from './language.js';

export const OperatorRole = z.enum(['admin', 'operator']);
export type OperatorRole = z.infer<typeof OperatorRole>;

/** An operator as the console sees itself and its colleagues (never the password hash). */
export const Operator = z.object({
  id: EntityId,
  email: z.email(),
  name: z.string(),
  role: OperatorRole,
  /** How many conversations routing may assign at once; null: the deployment's default (`OPERATOR_CAPACITY`). */
  capacity: z.number().int().min(0).max(100).nullable(),
  /** A disabled operator cannot log in, and their sessions and connections end. */
  disabled: z.boolean(),
  /** The departments whose queues routing gives them chats from; empty: every department. */
  departments: z.array(DepartmentId).max(50).default([]),
  /** The languages they answer in; routing matches a chat's language against them. Empty: every language. */
  languages: z.array(Language).max(6).default([]),
  /** Off: routing gives them nothing, but they may still accept chats from the queue. */
  autoAssign: z.boolean().default(true),
});
export type Operator = z.infer<typeof Operator>;

export const ConversationRef = z.object({ conversationId: EntityId });
export type ConversationRef = z.infer<typeof ConversationRef>;

/** Take a waiting conversation (or confirm one routing already gave you). */
export const ConversationAccept = ConversationRef;
export type ConversationAccept = ConversationRef;

export const ConversationResult = z.object({ conversation: Conversation });
export type ConversationResult = z.infer<typeof ConversationResult>;

/** Open a conversation in the console: subscribe to it and get its history after `since`. */
export const ConversationWatch = ConversationRef.extend({ since: Cursor.optional() });
export type ConversationWatch = z.infer<typeof ConversationWatch>;

export const ConversationWatchResult = z.object({ conversation: Conversation, messages: z.array(Message) });
export type ConversationWatchResult = z.infer<typeof ConversationWatchResult>;

export const OperatorMessageSend = z.object({ conversationId: EntityId, id: ClientMessageId, text: MessageText });
export type OperatorMessageSend = z.infer<typeof OperatorMessageSend>;

/**
 * What the operator chose: `online` takes new chats; `away` keeps current chats but gets
 * no new ones; `offline` hands current chats back to the queue at once.
 */
export const OperatorStatus = z.enum(['online', 'away', 'offline']);
export type OperatorStatus = z.infer<typeof OperatorStatus>;

export const PresenceSet = z.object({ status: OperatorStatus });
export type PresenceSet = z.infer<typeof PresenceSet>;

export const PresenceResult = z.object({ status: OperatorStatus });
export type PresenceResult = z.infer<typeof PresenceResult>;
