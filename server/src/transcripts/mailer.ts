import { createTransport } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The transcript again, as a file the visitor can keep. */
  attachment?: { filename: string; content: string; contentType: string };
}

/** Sends e-mail; the transcripts' port to whatever delivers it. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Mail through the SMTP server of `SMTP_URL` (`smtp://user:pass@host:587` upgrades with
 * STARTTLS when offered; `smtps://…:465` is TLS from the start), from `SMTP_FROM`.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.attachment ? { attachments: [mail.attachment] } : {}),
      });
    },
  };
}
