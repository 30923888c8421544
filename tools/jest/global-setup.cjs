module.exports = require('./peers-setup.cjs').setup;
