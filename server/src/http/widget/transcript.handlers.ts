import { AppError, ErrorCode, type WidgetRoutes } from '@introserv/shared';
import type { ChatService } from '../../chat/chat.service.js';
import type { QuotaRule, TranscriptEmailLimits } from '../../config.js';
import { quotaSubject } from '../../limits/quota-subject.js';
import type { RateLimitStore } from '../../limits/rate-limit.store.js';
import type { Logger } from '../../logger.js';
import type { Mailer } from '../../transcripts/mailer.js';
import { renderTranscriptHtml, renderTranscriptText } from '../../transcripts/transcript.js';
import { transcriptStrings } from '../../transcripts/transcript-locale.js';
import { mayReceiveTranscript } from '../../transcripts/transcript-recipient.js';
import type { RouteHandlers } from '../route-handler.js';

export interface TranscriptDeps {
  chat: Pick<ChatService, 'visitorTranscript'>;
  rateLimits: Pick<RateLimitStore, 'reserve'>;
  /** E-mailed transcripts per visitor, per address and per site (Config). */
  emailLimits: TranscriptEmailLimits;
  /** Unset: no SMTP, transcripts cannot be e-mailed. */
  mailer: Mailer | undefined;
  log: Logger;
  now?: () => number;
}

/** A visitor's transcript of one of their conversations: downloaded, or e-mailed to an address they gave in it. */
export function transcriptHandlers(deps: TranscriptDeps): Pick<RouteHandlers<WidgetRoutes>, 'transcript' | 'transcriptEmail'> {
  const now = deps.now ?? Date.now;
  return {
    transcript: async ({ params, query, res, visitor }) => {
      const found = await deps.chat.visitorTranscript(visitor.id, params.id);
      if (!found) throw new AppError(ErrorCode.NotFound, 'no such conversation');
      const input = { ...found, language: query.lang ?? found.conversation.language };
      const html = query.format === 'html';
      res.setHeader('Content-Type', html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="transcript-${found.conversation.id}.${html ? 'html' : 'txt'}"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      res.send(html ? renderTranscriptHtml(input) : renderTranscriptText(input));
      return undefined;
    },

    transcriptEmail: async ({ params, body: { email, language }, ip, visitor }) => {
      const mailer = deps.mailer;
      if (!mailer) throw new AppError(ErrorCode.NotFound, 'e-mailing transcripts is not set up on this server');
      const found = await deps.chat.visitorTranscript(visitor.id, params.id);
      if (!found) throw new AppError(ErrorCode.NotFound, 'no such conversation');
      if (!mayReceiveTranscript(email, { ...found, visitor })) throw new AppError(ErrorCode.RecipientNotGiven, 'a transcript goes only to an e-mail address given in this chat');
      // Counted before the mail is sent (a parallel burst is held to the limits), given back if it was not.
      const { perVisitor, perIp, perSite } = deps.emailLimits;
      const rule = (key: string, r: QuotaRule) => ({ key, limit: r.limit || Infinity, windowMs: r.windowMs });
      const reserved = await deps.rateLimits.reserve(
        [rule(`transcript-mail:v:${visitor.id}`, perVisitor), rule(`transcript-mail:ip:${quotaSubject(ip)}`, perIp), rule(`transcript-mail:site:${found.conversation.siteId}`, perSite)],
        now(),
      );
      if (!reserved.ok) throw new AppError(ErrorCode.RateLimited, 'too many e-mails; try again later');
      const input = { ...found, language };
      const text = renderTranscriptText(input);
      try {
        await mailer.send({
          to: email,
          subject: transcriptStrings(language).mailSubject,
          text,
          html: renderTranscriptHtml(input),
          attachment: { filename: `transcript-${found.conversation.id}.txt`, content: text, contentType: 'text/plain; charset=utf-8' },
        });
      } catch (err) {
        await reserved.release().catch(() => {});
        // The address is the visitor's: never at info, and not in the error either.
        deps.log.warn({ err: err instanceof Error ? err.message : String(err), conversationId: found.conversation.id }, 'transcript e-mail failed');
        throw new AppError(ErrorCode.EmailFailed, 'the mail server did not take the message; try again later');
      }
      deps.log.info({ conversationId: found.conversation.id }, 'transcript e-mailed');
      return {};
    },
  };
}
