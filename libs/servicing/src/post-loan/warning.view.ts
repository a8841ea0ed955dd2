import type { WarningLevel } from '@loanflow/domain';
import type { RiskWarningEntity } from '@loanflow/persistence';

export interface WarningView {
  id: string;
  loanId: string;
  level: WarningLevel;
  signal: string;
  description: string;
  raisedBy: string;
  raisedAt: string;
  state: string;
  supersededBy: string | null;
  closedAt: string | null;
  resolution: string | null;
}

export function warningView(row: RiskWarningEntity): WarningView {
  return {
    id: row.id,
    loanId: row.loanId,
    level: row.level,
    signal: row.signal,
    description: row.description,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    state: row.state,
    supersededBy: row.supersededBy,
    closedAt: row.closedAt?.toISOString() ?? null,
    resolution: row.resolution,
  };
}
