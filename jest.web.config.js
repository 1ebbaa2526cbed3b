/** Browser tests (`npm run test:web`): Playwright driving Debian's Chromium against the running system. */
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['**/test/web/**/*.web.ts'] };
