// The integration tier's test order: jest's own (failed first, then slowest first), except that the
// index check runs last, because it reads the query shapes every other spec of the run recorded.
// The tier runs in band (`--runInBand`), so "last" means after all the others finished.
const { dirname } = require('node:path');

const { default: Sequencer } = require(require.resolve('@jest/test-sequencer', { paths: [dirname(require.resolve('jest-cli/package.json'))] }));

const LAST = /[/\\]declared-indexes\.int-spec\.ts$/;

class IntegrationSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((test) => !LAST.test(test.path)), ...sorted.filter((test) => LAST.test(test.path))];
  }
}

module.exports = IntegrationSequencer;
