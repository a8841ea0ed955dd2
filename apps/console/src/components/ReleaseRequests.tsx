import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useAuth } from '../auth';
import { ErrorNotice } from './ErrorNotice';
import { When } from './Money';
import { useLoad } from '../useLoad';

/** A release request as the API documents it. */
export type ReleaseView = Schema<'ModelReleaseView'>;

/**
 * Models released through the console wait here for a second process designer or an admin: the
 * one who asked can only withdraw, never approve (the server refuses it too).
 */
export function ReleaseRequests({ onDeployed }: { onDeployed: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const releases = useLoad(() => answer(client.GET('/api/models/releases')), []);
  const [reason, setReason] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  const decide = async (release: ReleaseView, decision: 'approve' | 'reject') => {
    setError(null);
    try {
      const text = reason[release.id]?.trim();
      const params = { path: { releaseId: release.id } };
      await answer(
        decision === 'approve'
          ? client.POST('/api/models/releases/{releaseId}/approve', {
              params,
              body: text ? { reason: text } : {},
            })
          : client.POST('/api/models/releases/{releaseId}/reject', {
              params,
              body: { reason: text ?? '' },
            }),
      );
      releases.reload();
      if (decision === 'approve') onDeployed();
    } catch (failure) {
      setError(failure);
    }
  };

  const rows = releases.data ?? [];
  return (
    <section className="card" aria-labelledby="releases-title">
      <h2 id="releases-title">{t('models.releases')}</h2>
      <ErrorNotice error={releases.error ?? error} />
      {rows.length === 0 ? (
        <p>{t('models.noReleases')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="releases">
            <thead>
              <tr>
                <th scope="col">{t('models.releaseId')}</th>
                <th scope="col">{t('models.releaseState')}</th>
                <th scope="col">{t('models.requestedBy')}</th>
                <th scope="col">{t('models.files')}</th>
                <th scope="col">{t('models.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((release) => (
                <tr key={release.id}>
                  <th scope="row">#{release.id}</th>
                  <td>{t(`models.state.${release.state}`)}</td>
                  <td>
                    {release.requestedBy} <When at={release.requestedAt} />
                    {release.note && <div className="wrap">{release.note}</div>}
                  </td>
                  <td className="wrap">
                    {release.resources.map((r) => `${r.id} (${r.file})`).join(', ')}
                  </td>
                  <td>
                    {release.state === 'pending' ? (
                      <div className="actions">
                        <input
                          aria-label={t('models.reason')}
                          placeholder={t('models.reason')}
                          value={reason[release.id] ?? ''}
                          onChange={(e) => setReason({ ...reason, [release.id]: e.target.value })}
                        />
                        <button
                          type="button"
                          disabled={release.requestedBy === me?.username}
                          title={
                            release.requestedBy === me?.username ? t('models.fourEyes') : undefined
                          }
                          onClick={() => void decide(release, 'approve')}
                        >
                          {t('models.approve')}
                        </button>
                        <button type="button" onClick={() => void decide(release, 'reject')}>
                          {release.requestedBy === me?.username
                            ? t('models.withdraw')
                            : t('models.reject')}
                        </button>
                      </div>
                    ) : (
                      <>
                        {release.decidedBy} {release.decidedAt && <When at={release.decidedAt} />}
                        {release.decisionReason && (
                          <div className="wrap">{release.decisionReason}</div>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
