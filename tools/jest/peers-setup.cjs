// Jest loads global setup/teardown with Node's require, outside its module mapper: tsx resolves the
// TypeScript and the tsconfig path aliases (@itsm/...) for them.
require('tsx/cjs/api').register();
module.exports = {
  setup: require('../../libs/testing/src/lib/peers/global-setup.ts').default,
  teardown: require('../../libs/testing/src/lib/peers/global-teardown.ts').default,
};
