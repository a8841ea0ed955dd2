/**
 * Orders the clock tier. Specs that pin the broker clock to a past date (to cross a real public
 * holiday the calendar covers) run first, on the fresh broker: the broker schedules its job-timeout
 * checker on its own clock, so a clock moved back below a time it has already reached would leave
 * that checker waiting until the clock catches up again. The rest run in name order, and the ledger's
 * trial balance last of all, over everything the tiers before wrote.
 */
const Sequencer = require('@jest/test-sequencer').default;

const BACKDATED = ['notice-deadline.clock-spec.ts'];
const LAST = ['zz-ledger-verify.clock-spec.ts'];
const rank = (path) =>
  BACKDATED.some((name) => path.endsWith(name))
    ? 0
    : LAST.some((name) => path.endsWith(name))
      ? 2
      : 1;

class ClockSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = ClockSequencer;
