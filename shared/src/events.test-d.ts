import { expectTypeOf, test } from 'vitest';
import type { Ack } from './ack.js';
import type { OperatorClientEvents, VisitorClientEvents, VisitorServerEvents } from './events.js';
import type { Message } from './schemas/message.js';
import type { VisitorConversation } from './schemas/conversation.js';

test('event maps are derived from the registry', () => {
  expectTypeOf<Parameters<VisitorClientEvents['message:send']>[0]>().toEqualTypeOf<{ id: string; text: string; attachments?: string[] | undefined }>();
  expectTypeOf<Parameters<Parameters<VisitorClientEvents['message:send']>[1]>[0]>().toEqualTypeOf<Ack<{ message: Message; conversation?: VisitorConversation | undefined }>>();
  expectTypeOf<Parameters<VisitorServerEvents['message:created']>[0]>().toEqualTypeOf<Message>();
  expectTypeOf<Parameters<OperatorClientEvents['message:send']>[0]>().toHaveProperty('conversationId');
});
