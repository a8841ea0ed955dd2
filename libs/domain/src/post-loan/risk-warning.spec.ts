import {
  InspectionFindings,
  raiseOutcome,
  warningFromFindings,
  worseWarning,
} from './risk-warning';

describe('risk warnings (风险预警)', () => {
  it('opens a warning when none is open, supersedes a milder one, adds nothing otherwise', () => {
    expect(raiseOutcome(null, 'yellow')).toBe('open');
    expect(raiseOutcome('yellow', 'red')).toBe('supersede');
    expect(raiseOutcome('orange', 'orange')).toBe('already-open');
    expect(raiseOutcome('red', 'yellow')).toBe('already-open');
  });

  it('takes the worse of two levels', () => {
    expect(worseWarning('yellow', 'orange')).toBe('orange');
    expect(worseWarning(null, 'yellow')).toBe('yellow');
    expect(worseWarning('red', null)).toBe('red');
    expect(worseWarning(null, null)).toBeNull();
  });

  const fine: InspectionFindings = {
    borrowerSituation: 'stable',
    finances: 'stable',
    guarantees: 'adequate',
    collateral: 'not-applicable',
    useOfFunds: 'as-agreed',
  };

  it('reads the warning an inspection calls for from its findings', () => {
    expect(warningFromFindings(fine)).toBeNull();
    expect(warningFromFindings({ ...fine, finances: 'declined' })).toBe('yellow');
    expect(warningFromFindings({ ...fine, useOfFunds: 'unverified' })).toBe('yellow');
    expect(warningFromFindings({ ...fine, useOfFunds: 'diverted' })).toBe('orange');
    expect(warningFromFindings({ ...fine, collateral: 'impaired' })).toBe('orange');
    expect(warningFromFindings({ ...fine, guarantees: 'lost', finances: 'declined' })).toBe('red');
    expect(warningFromFindings({ ...fine, finances: 'severely-declined' })).toBe('red');
  });
});
