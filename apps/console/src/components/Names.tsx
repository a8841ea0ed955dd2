import { useTranslation } from 'react-i18next';
import { useDirectory } from '../directory';

/** A person by name; the user name stays in the markup for tests and tooltips. */
export function UserName({ username }: { username: string | null | undefined }) {
  const directory = useDirectory();
  if (!username) return <>—</>;
  return (
    <span data-username={username} title={username}>
      {directory.user(username)}
    </span>
  );
}

export function UnitName({ code }: { code: string | null | undefined }) {
  const directory = useDirectory();
  if (!code) return <>—</>;
  return (
    <span data-unit={code} title={code}>
      {directory.unit(code)}
    </span>
  );
}

/** A candidate group (`reviewer:BR-HZ`) as the post and the unit: 审查岗（杭州分行）. */
export function CandidateGroup({ group }: { group: string }) {
  const { t } = useTranslation();
  const directory = useDirectory();
  const [role, unit] = group.split(':');
  const post = t(`roles.${role}`, { defaultValue: t('task.otherGroup') });
  return (
    <span data-group={group}>
      {unit ? t('task.groupIn', { post, unit: directory.unit(unit) }) : post}
    </span>
  );
}
