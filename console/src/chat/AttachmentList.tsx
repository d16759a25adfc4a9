import { isolate, type Attachment } from '@introserv/shared';
import { consoleUrl } from '../api/route-url.js';
import { useT } from '../i18n/useT.js';

/** `48 KB`, `1.2 MB`. */
export function fileSize(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit] ?? 'B'}`;
}

/**
 * Files in a message, served to operators by `/api/attachments/:id` on their session:
 * images shown (they open full size in a new tab), other files as download links. The
 * server decided each type from the file's content, and serves it so it never runs.
 */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const { t, lang } = useT();
  return (
    <ul class="attachments">
      {attachments.map((a) => {
        const href = consoleUrl('attachments.get', { params: { id: a.id } });
        return (
          <li key={a.id} data-testid="attachment" data-type={a.type}>
            {a.type.startsWith('image/') ? (
              <a href={href} target="_blank" rel="noopener noreferrer" title={a.name}>
                <img src={href} alt={a.name} loading="lazy" />
              </a>
            ) : (
              <a href={href} download={a.name} aria-label={t('files.download', { name: isolate(a.name) })}>
                <bdi>{a.name}</bdi> <span class="muted">({fileSize(a.size, lang)})</span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
