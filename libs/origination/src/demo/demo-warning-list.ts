import { DataSource } from 'typeorm';
import { blindIndex, CreditWarningEntity } from '@loanflow/persistence';

/** People on the demo bank's credit warning list (客户信用预警名单): applications from them are refused. */
export const DEMO_WARNING_LIST: { idNumber: string; name: string; reason: string }[] = [
  {
    idNumber: '330106198505050019',
    name: '黄某 Huang',
    reason: 'loan fraud case referred to the police (2025)',
  },
  {
    idNumber: '33020319770707001X',
    name: '吴某 Wu',
    reason: 'court enforcement: judgment debtor who has not performed (失信被执行人)',
  },
];

export async function seedDemoWarningList(dataSource: DataSource): Promise<number> {
  await dataSource.getRepository(CreditWarningEntity).upsert(
    DEMO_WARNING_LIST.map((entry) => ({
      ...entry,
      idNumberIndex: blindIndex('id-number', entry.idNumber),
      active: 1,
    })),
    ['idNumberIndex'],
  );
  return DEMO_WARNING_LIST.length;
}
