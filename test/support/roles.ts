import { DataSource } from 'typeorm';

/**
 * Gives a demo user one more post for the length of a check, as an administrator might: to show
 * that separation of duties holds for a person who holds two posts the bank allows together.
 */
export async function withExtraRole(
  dataSource: DataSource,
  username: string,
  role: string,
  check: () => Promise<void>,
): Promise<void> {
  await dataSource.query(
    `INSERT IGNORE INTO user_role (user_id, role) SELECT id, ? FROM app_user WHERE username = ?`,
    [role, username],
  );
  try {
    await check();
  } finally {
    await dataSource.query(
      `DELETE r FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = ? AND r.role = ?`,
      [username, role],
    );
  }
}
