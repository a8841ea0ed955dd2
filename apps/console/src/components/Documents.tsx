import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formBody, operations } from '@loanflow/api-client';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { taskTypeKey } from '../taskTypes';
import { UPLOAD_KINDS, UploadKind } from '../apiValues';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { When } from './Money';
import { UserName } from './Names';

/** A document on a loan's file, as the API documents it. */
export type LoanDocument = Schema<'DocumentView'>;

/**
 * The upload's parts as the API's document describes them (file, kind). They go as multipart, a
 * FormData the typed client cannot check against that schema: the fields are typed from it here,
 * and the form is sent as it is (formBody).
 */
type UploadParts =
  operations['DocumentsController_upload']['requestBody']['content']['multipart/form-data'];

/** Where an upload goes: a loan's file, or a task's (which records the task beside it). */
export type UploadTo = { loanId: string } | { taskId: string };

/** Upload one file of a kind to a loan's or a task's documents. */
function UploadForm({ to, onUploaded }: { to: UploadTo; onUploaded: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<UploadKind>('visit-photo');
  const [file, setFile] = useState<File | null>(null);
  const { error, busy, errors, run } = useSubmit();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('kind' satisfies keyof UploadParts, kind);
    form.append('file' satisfies keyof UploadParts, file, file.name);
    await run(async () => {
      await answer(
        'taskId' in to
          ? client.POST('/api/tasks/{id}/documents', {
              params: { path: { id: to.taskId } },
              ...formBody(form),
            })
          : client.POST('/api/loans/{id}/documents', {
              params: { path: { id: to.loanId } },
              ...formBody(form),
            }),
      );
      setFile(null);
      setInputKey((k) => k + 1);
      onUploaded();
    });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('files.upload')}>
      <Field id="document-kind" label={t('files.kind')} errors={errors} field="kind">
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as UploadKind)}>
            {UPLOAD_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`documents.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="document-file" label={t('files.file')} errors={errors} field="file">
        {(props) => (
          <input
            {...props}
            key={inputKey}
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        )}
      </Field>
      <button type="submit" disabled={busy || !file}>
        {t('files.upload')}
      </button>
      <ErrorNotice error={error} fieldsShown />
    </form>
  );
}

/** Opens a document: images shown in place, PDFs in a new tab; or saved under its name. */
function DocumentActions({ document }: { document: LoanDocument }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The file's bytes (JPEG, PNG or PDF), fetched with the bearer token, never a cookie.
  const content = (query: { download?: string } = {}) =>
    answer(
      client.GET('/api/loans/{id}/documents/{documentId}/content', {
        params: { path: { id: document.loanId, documentId: document.id }, query },
        parseAs: 'blob',
      }),
    );

  const preview = async () => {
    try {
      const url = URL.createObjectURL(await content());
      if (document.contentType.startsWith('image/')) setImage(url);
      else window.open(url, '_blank', 'noopener');
    } catch (failure) {
      setError(failure);
    }
  };
  const download = async () => {
    try {
      const url = URL.createObjectURL(await content({ download: '1' }));
      const link = window.document.createElement('a');
      link.href = url;
      link.download = document.fileName;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <button type="button" onClick={() => void preview()}>
        {t('files.preview')}
      </button>{' '}
      <button type="button" onClick={() => void download()}>
        {t('files.download')}
      </button>
      {image && (
        <img
          className="document-preview"
          src={image}
          alt={document.fileName}
          data-testid="document-preview"
        />
      )}
      <ErrorNotice error={error} />
    </>
  );
}

/**
 * The loan's documents (kind, name, who and when, from which task, size, checksum) with preview and
 * download, and an upload form to `uploadTo` when the reader may add one.
 */
export function DocumentsPanel({
  loanId,
  uploadTo,
}: {
  loanId: string;
  /** Where an upload goes (the loan's or a task's documents); none: read only. */
  uploadTo?: UploadTo;
}) {
  const { t } = useTranslation();
  const { data, error, reload } = useLoad(
    () => answer(client.GET('/api/loans/{id}/documents', { params: { path: { id: loanId } } })),
    [loanId],
  );
  return (
    <section aria-labelledby="documents-title" className="card" data-testid="documents">
      <h2 id="documents-title">{t('files.title')}</h2>
      <ErrorNotice error={error} />
      {data && data.length === 0 && <p className="muted">{t('files.none')}</p>}
      <ul className="documents">
        {(data ?? []).map((document) => (
          <li key={document.id} data-document={document.id} data-kind={document.kind}>
            <strong>
              {t(`documents.${document.kind}`, { defaultValue: t('documents.other') })}
            </strong>{' '}
            · {document.fileName} ·{' '}
            {t('files.size', { size: Math.ceil(document.sizeBytes / 1024) })}
            <br />
            <span className="muted">
              <UserName username={document.uploadedBy} /> <When at={document.uploadedAt} />{' '}
              {document.taskType &&
                t('files.fromTask', {
                  task: t(taskTypeKey(document.taskType), { defaultValue: t('audit.aTask') }),
                })}{' '}
              · <abbr title={document.sha256}>{t('files.checksum')}</abbr>{' '}
              <code>{document.sha256.slice(0, 12)}…</code>
            </span>
            <br />
            <DocumentActions document={document} />
          </li>
        ))}
      </ul>
      {uploadTo && <UploadForm to={uploadTo} onUploaded={reload} />}
    </section>
  );
}
