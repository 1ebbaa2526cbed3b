/** The one place for Dutch text: import `t` and use its keys (see apps/web/README.md). */
export { nl as t } from './nl';
