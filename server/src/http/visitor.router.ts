import { AppError, EntityId, ErrorCode, TranscriptEmail, VisitorTranscriptQuery, type UploadResult } from '@introserv/shared';
import express, { Router, type RequestHandler, type Response } from 'express';
import type { AttachmentService } from '../attachments/attachment.service.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { ChatService } from '../chat/chat.service.js';
import type { VisitorRecord } from '../conversations/visitor.store.js';
import type { QuotaRule, TranscriptEmailLimits } from '../config.js';
import { quotaSubject } from '../limits/quota-subject.js';
import type { RateLimitStore } from '../limits/rate-limit.store.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../transcripts/mailer.js';
import { renderTranscriptHtml, renderTranscriptText } from '../transcripts/transcript.js';
import { transcriptStrings } from '../transcripts/transcript-locale.js';
import { mayReceiveTranscript } from '../transcripts/transcript-recipient.js';
import { parseWith } from './parse-body.js';
import { readRawBody, sendFile, uploadName } from './read-body.js';
import { noStore } from './security-headers.js';
import { widgetCors } from './widget-cors.js';

export interface VisitorRouterDeps {
  chat: Pick<ChatService, 'visitorByToken' | 'visitorTranscript'>;
  attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>;
  origins: OriginPolicy;
  rateLimits: Pick<RateLimitStore, 'reserve'>;
  /** E-mailed transcripts per visitor, per address and per site (Config). */
  emailLimits: TranscriptEmailLimits;
  /** Unset: no SMTP, transcripts cannot be e-mailed. */
  mailer: Mailer | undefined;
  log: Logger;
  now?: () => number;
}

/**
 * The widget's HTTP side, authorized by the visitor token (`Authorization: Bearer <token>`,
 * no cookies): uploads, downloads of the conversation's files, and the transcript as a file
 * or by e-mail. Cross-origin from the pages in the allowed origins only.
 */
export function visitorRouter(deps: VisitorRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  // Only this router's own paths: the static files under /widget/ are not its business.
  router.use(['/uploads', '/attachments', '/conversations'], noStore, widgetCors(deps.origins, 'Authorization, Content-Type, X-File-Name'));
  const visitor = requireVisitor(deps.chat);

  router.post('/uploads', visitor, async (req, res) => {
    const bytes = await readRawBody(req, res, deps.attachments.maxBytes);
    const attachment = await deps.attachments.upload({ kind: 'visitor', id: current(res).id }, { name: uploadName(req), bytes, conversationId: null, address: req.ip ?? 'unknown' });
    res.status(201).json({ attachment } satisfies UploadResult);
  });

  router.get('/attachments/:id', visitor, async (req, res) => {
    const file = await deps.attachments.open(String(req.params.id), { kind: 'visitor', visitorId: current(res).id });
    if (!file) throw new AppError(ErrorCode.NotFound, 'no such file');
    sendFile(res, file.attachment, file.bytes);
  });

  router.get('/conversations/:id/transcript', visitor, async (req, res) => {
    const { format, lang } = parseWith(VisitorTranscriptQuery, req.query);
    const found = await deps.chat.visitorTranscript(current(res).id, parseWith(EntityId, req.params.id));
    if (!found) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    const input = { ...found, language: lang ?? found.conversation.language };
    const html = format === 'html';
    res.setHeader('Content-Type', html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="transcript-${found.conversation.id}.${html ? 'html' : 'txt'}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.send(html ? renderTranscriptHtml(input) : renderTranscriptText(input));
  });

  router.post('/conversations/:id/transcript/email', express.json({ limit: '4kb' }), visitor, async (req, res) => {
    const mailer = deps.mailer;
    if (!mailer) throw new AppError(ErrorCode.NotFound, 'e-mailing transcripts is not set up on this server');
    const { email, language } = parseWith(TranscriptEmail, req.body);
    const visitor = current(res);
    const found = await deps.chat.visitorTranscript(visitor.id, parseWith(EntityId, req.params.id));
    if (!found) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    if (!mayReceiveTranscript(email, { ...found, visitor })) throw new AppError(ErrorCode.RecipientNotGiven, 'a transcript goes only to an e-mail address given in this chat');
    // Counted before the mail is sent (a parallel burst is held to the limits), given back if it was not.
    const { perVisitor, perIp, perSite } = deps.emailLimits;
    const rule = (key: string, r: QuotaRule) => ({ key, limit: r.limit || Infinity, windowMs: r.windowMs });
    const reserved = await deps.rateLimits.reserve(
      [rule(`transcript-mail:v:${visitor.id}`, perVisitor), rule(`transcript-mail:ip:${quotaSubject(req.ip)}`, perIp), rule(`transcript-mail:site:${found.conversation.siteId}`, perSite)],
      now(),
    );
    if (!reserved.ok) throw new AppError(ErrorCode.RateLimited, 'too many e-mails; try again later');
    const input = { ...found, language };
    const t = transcriptStrings(language);
    const text = renderTranscriptText(input);
    try {
      await mailer.send({
        to: email,
        subject: t.mailSubject,
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
    res.status(202).json({});
  });

  return router;
}

function current(res: Response): VisitorRecord {
  return res.locals.visitor as VisitorRecord;
}

/** `Authorization: Bearer <visitor token>`: the visitor it names, or 401. */
function requireVisitor(chat: Pick<ChatService, 'visitorByToken'>): RequestHandler {
  return async (req, res, next) => {
    const token = /^Bearer ([A-Za-z0-9_-]{32,128})$/.exec(req.get('authorization') ?? '')?.[1];
    const found = token ? await chat.visitorByToken(token) : null;
    if (!found) { next(new AppError(ErrorCode.Unauthenticated, 'a valid visitor token is needed')); return; }
    res.locals.visitor = found;
    next();
  };
}
