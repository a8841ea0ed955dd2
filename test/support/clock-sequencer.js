/**
 * Orders the clock tier. The access matrix runs first, before any clock move: it calls GET /health
 * too, and the broker reports itself down for a while after each jump. Then the specs that pin the
 * broker clock to a past date (to cross a real public holiday the calendar covers), on the broker
 * whose clock nothing has moved yet: the broker schedules its job-timeout checker on its own clock,
 * so a clock moved back below a time it has already reached would leave that checker waiting until
 * the clock catches up again. The rest run in name order, and the ledger's trial balance last of
 * all, over everything the tiers before wrote.
 */
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['access-matrix.isolated-spec.ts'];
const BACKDATED = ['notice-deadline.clock-spec.ts'];
const LAST = ['zz-ledger-verify.clock-spec.ts'];
const RANKS = [FIRST, BACKDATED, null, LAST];
const rank = (path) => {
  const found = RANKS.findIndex((names) => names?.some((name) => path.endsWith(name)));
  return found === -1 ? RANKS.indexOf(null) : found;
};

class ClockSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = ClockSequencer;
