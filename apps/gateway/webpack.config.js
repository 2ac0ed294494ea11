const nodeAppConfig = require('../../webpack.node-app.config');

module.exports = nodeAppConfig(__dirname);
