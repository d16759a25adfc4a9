/**
 * Every error that crosses the wire carries one of these codes, so clients branch on
 * the code and show their own localized text; `message` is for logs and developers.
 */
export const ErrorCode = {
  InvalidPayload: 'INVALID_PAYLOAD',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Forbidden: 'FORBIDDEN',
  CsrfFailed: 'CSRF_FAILED',
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  NotFound: 'NOT_FOUND',
  ConversationTaken: 'CONVERSATION_TAKEN',
  ConversationClosed: 'CONVERSATION_CLOSED',
  HelloRequired: 'HELLO_REQUIRED',
  UnknownEvent: 'UNKNOWN_EVENT',
  RateLimited: 'RATE_LIMITED',
  StoreUnavailable: 'STORE_UNAVAILABLE',
  Internal: 'INTERNAL',
  /** The conversation was escalated meanwhile (another tab, another operator): look before opening a second ticket. */
  EscalationExists: 'ESCALATION_EXISTS',
  /** Another operator already has this e-mail. */
  EmailTaken: 'EMAIL_TAKEN',
  /** The change would leave no enabled admin. */
  LastAdmin: 'LAST_ADMIN',
  /** The current password given to change one's own password is wrong. */
  WrongPassword: 'WRONG_PASSWORD',
  /** A department id or a canned response's shortcut (in that language) exists already. */
  AlreadyExists: 'ALREADY_EXISTS',
  /** A transfer's target operator is not online (disabled, away, offline or unknown). */
  OperatorUnavailable: 'OPERATOR_UNAVAILABLE',
  /** The visitor started a newer conversation since this one closed: that one is the one to continue. */
  ConversationSuperseded: 'CONVERSATION_SUPERSEDED',
  /** An upload over the size limit. */
  FileTooLarge: 'FILE_TOO_LARGE',
  /** An upload whose content is not an accepted type (decided from its bytes, not its name). */
  FileTypeNotAllowed: 'FILE_TYPE_NOT_ALLOWED',
  /** More files than one message or one conversation may carry. */
  TooManyFiles: 'TOO_MANY_FILES',
  /** The mail server refused or could not be reached. */
  EmailFailed: 'EMAIL_FAILED',
  /** A transcript goes only to an e-mail address the visitor gave in that conversation (pre-chat form, identify, or a message). */
  RecipientNotGiven: 'RECIPIENT_NOT_GIVEN',
  /** The server's storage for uploads is (nearly) full: no file is taken until there is room again. */
  StorageFull: 'STORAGE_FULL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error half of every ack and every non-2xx JSON body. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Field-level problems, present for INVALID_PAYLOAD. */
  issues?: { path: string; message: string }[];
}

/** Thrown inside the server; the event wrapper and the HTTP error handler turn it into a WireError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: WireError['issues'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toWire(): WireError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
