import { isolate } from '@introserv/shared/client';
import { useSignal } from '@introserv/shared/client/use-signal';
import type { ConsoleErrorCode } from '../api/errors.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import type { OperatorUploads } from './uploads.js';

/** The files about to go with the reply: progress, the reason one was refused, remove. */
export function UploadDrafts({ uploads }: { uploads: OperatorUploads }) {
  const { t } = useT();
  const drafts = useSignal(uploads.drafts);
  if (!drafts.length) return null;
  return (
    <ul class="upload-drafts" data-testid="upload-drafts">
      {drafts.map((d) => (
        <li key={d.key} data-state={d.error ? 'refused' : d.attachment ? 'ready' : 'uploading'}>
          <span class="upload-name">
            <bdi>{d.name}</bdi>
          </span>
          {d.error ? (
            <span class="field-error" role="alert">
              {/* The server's code, or one the kit found first; errorText words one it does not know as INTERNAL. */}
              {errorText(t, d.error as ConsoleErrorCode)}
            </span>
          ) : (
            !d.attachment && <progress max={100} value={d.progress} aria-label={t('files.uploading', { percent: d.progress })} />
          )}
          <button type="button" class="btn btn-small" aria-label={t('files.remove', { name: isolate(d.name) })} onClick={() => uploads.remove(d.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
