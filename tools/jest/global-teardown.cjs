module.exports = require('./peers-setup.cjs').teardown;
