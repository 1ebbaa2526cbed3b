// The leefloon's legal reasons in its decision letters; the notification and the category reasons are shared
// (workflows/shared/request-pipeline.ts).
import { LEEFLOON } from '../../libs/procedures/leefloon';

export const LEGAL_REASONS = LEEFLOON.letters.legalReasons;
