// The one webpack setup of every Node app: a CommonJS bundle at dist/apps/<app>/main.js, node_modules left external.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/** @param {string} appDir the app's folder (its webpack.config.js passes __dirname) */
module.exports = function nodeAppConfig(appDir) {
  return {
    output: {
      path: join(__dirname, 'dist/apps', basename(appDir)),
      clean: true,
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.src.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
