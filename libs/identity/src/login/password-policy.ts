import { normaliseUserName } from './login-policy';

export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password (empty when nothing): a minimal policy, every reason at once. */
export function newPasswordProblems(input: {
  username: string;
  currentPassword: string;
  newPassword: string;
}): string[] {
  const { username, currentPassword, newPassword } = input;
  const problems: string[] = [];
  if ([...newPassword].length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (normaliseUserName(newPassword) === normaliseUserName(username)) {
    problems.push('must not be the user name');
  }
  if (newPassword === currentPassword) {
    problems.push('must differ from the current password');
  }
  return problems;
}
