import type { z } from 'zod';
import type { Ack } from './ack.js';
import type { RateClass } from './limits.js';
import { ConversationAssigned, Conversation, VisitorConversation } from './schemas/conversation.js';
import { Message } from './schemas/message.js';
import {
  ConversationAccept,
  ConversationRef,
  ConversationResult,
  ConversationWatch,
  ConversationWatchResult,
  OperatorMessageSend,
  PresenceResult,
  PresenceSet,
} from './schemas/operator.js';
import { Empty } from './schemas/empty.js';
import { Escalation } from './schemas/escalation.js';
import { ConversationTransfer } from './schemas/routing-commands.js';
import { MessageSendResult, VisitorHello, VisitorHelloResult, VisitorMessageSend, VisitorMessageSendResult } from './schemas/visitor.js';
import { OperatorMessageSendWithFiles } from './schemas/message-send.js';
import { OperatorTyping, OperatorTypingUpdated, VisitorTyping, VisitorTypingUpdated } from './schemas/typing.js';
import { ReceiptInput, ReceiptsUpdated } from './schemas/receipts.js';
import { QueueUpdated } from './schemas/queue.js';
import { ConversationRate } from './schemas/rating.js';
import { VisitorClose, VisitorConversationResult } from './schemas/visitor-close.js';

/**
 * The one place an event is declared. A command names the schema its payload must
 * satisfy and the schema of its successful ack; the Socket.IO event maps below and the
 * server's runtime parsing are both derived from these objects, so no handler can
 * forget its schema.
 */
export interface CommandSpec<P extends z.ZodType = z.ZodType, R extends z.ZodObject = z.ZodObject> {
  payload: P;
  result: R;
  /** Which of the connection's token buckets the command draws from. */
  rate: RateClass;
}
export type CommandRegistry = Record<string, CommandSpec>;
export type FactRegistry = Record<string, z.ZodType>;

/** Commands the widget sends on the `/visitor` namespace. */
export const visitorCommands = {
  hello: { payload: VisitorHello, result: VisitorHelloResult, rate: 'session' },
  'message:send': { payload: VisitorMessageSend, result: VisitorMessageSendResult, rate: 'message' },
  /** Typing or not, with the draft for the operator's preview; relayed, never stored. */
  'typing:set': { payload: VisitorTyping, result: Empty, rate: 'typing' },
  /** The visitor ends their open conversation. */
  'conversation:close': { payload: VisitorClose, result: VisitorConversationResult, rate: 'control' },
  /** The visitor rates one of their conversations (good / bad, optional comment). */
  'conversation:rate': { payload: ConversationRate, result: Empty, rate: 'control' },
} as const satisfies CommandRegistry;

/** Facts the server pushes to the widget. */
export const visitorFacts = {
  'message:created': Message,
  'conversation:assigned': ConversationAssigned,
  /** The conversation's status changed (e.g. an operator closed it, or it went back to the queue). */
  'conversation:updated': VisitorConversation,
  /** The operator started or stopped typing. */
  'typing:updated': OperatorTypingUpdated,
  /** The operator received or read the visitor's messages up to a cursor. */
  'receipt:updated': ReceiptsUpdated,
  /** While the conversation waits: its place in the queue and the estimated wait. */
  'queue:updated': QueueUpdated,
} as const satisfies FactRegistry;

/** Commands the console sends on the `/operator` namespace (after cookie login). */
export const operatorCommands = {
  'conversation:accept': { payload: ConversationAccept, result: ConversationResult, rate: 'control' },
  'conversation:watch': { payload: ConversationWatch, result: ConversationWatchResult, rate: 'read' },
  'conversation:unwatch': { payload: ConversationRef, result: Empty, rate: 'read' },
  'conversation:close': { payload: ConversationRef, result: ConversationResult, rate: 'control' },
  'message:send': { payload: OperatorMessageSendWithFiles, result: MessageSendResult, rate: 'message' },
  /** Online takes new chats; away keeps current chats but gets no new ones; offline hands them back to the queue at once. */
  'presence:set': { payload: PresenceSet, result: PresenceResult, rate: 'control' },
  /** To a colleague who is online, or to a department's queue, with an optional internal note for them. */
  'conversation:transfer': { payload: ConversationTransfer, result: ConversationResult, rate: 'control' },
  /** A closed conversation opens again, assigned to whoever reopened it (refused when the visitor has started a newer one). */
  'conversation:reopen': { payload: ConversationRef, result: ConversationResult, rate: 'control' },
  /** An internal note: operators only, never the visitor (not live, not in history, not in transcripts). */
  'note:send': { payload: OperatorMessageSend, result: MessageSendResult, rate: 'message' },
  /** The operator is typing in a conversation they have (or stopped); relayed to the visitor, never stored. */
  'typing:set': { payload: OperatorTyping, result: Empty, rate: 'typing' },
  /** The console received (`delivered`) or showed (`read`) the visitor's messages up to a cursor. */
  'conversation:receipt': { payload: ReceiptInput, result: Empty, rate: 'read' },
} as const satisfies CommandRegistry;

/** Facts the server pushes to the console. */
export const operatorFacts = {
  'message:created': Message,
  'conversation:assigned': ConversationAssigned,
  /** Any change to a conversation (new, queued, assigned, closed, new last message). */
  'conversation:updated': Conversation,
  /** The operator's status, on every connect and whenever it changes (in any of their tabs). */
  'presence:updated': PresenceResult,
  /** An escalation to a ticket was requested, created, retried, failed or left unconfirmed (every operator hears it). */
  'escalation:updated': Escalation,
  /** The visitor is typing (with their draft) or stopped. */
  'typing:updated': VisitorTypingUpdated,
} as const satisfies FactRegistry;

/** Client→server event map for Socket.IO's generics, derived from a command registry. */
export type CommandEvents<R extends CommandRegistry> = {
  [K in keyof R]: (payload: z.input<R[K]['payload']>, ack: (res: Ack<z.output<R[K]['result']>>) => void) => void;
};

/** Server→client event map for Socket.IO's generics, derived from a fact registry. */
export type FactEvents<R extends FactRegistry> = {
  [K in keyof R]: (payload: z.output<R[K]>) => void;
};

export type VisitorClientEvents = CommandEvents<typeof visitorCommands>;
export type VisitorServerEvents = FactEvents<typeof visitorFacts>;
export type OperatorClientEvents = CommandEvents<typeof operatorCommands>;
export type OperatorServerEvents = FactEvents<typeof operatorFacts>;

/** The successful ack body of a command, e.g. `CommandResult<typeof visitorCommands, 'hello'>`. */
export type CommandResult<R extends CommandRegistry, K extends keyof R> = z.output<R[K]['result']>;
