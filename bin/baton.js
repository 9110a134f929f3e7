#!/usr/bin/env node
// The built CLI (npm run build); `npm start` builds first.
require('../dist/cli/main.js').main();
