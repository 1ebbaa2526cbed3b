import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as nlBe from '@zxcvbn-ts/language-nl-be';
import type { SchemaError } from '../validation/schema';

/**
 * The password rules, for every password a person chooses or is given: a new user (API and CLI), a change of one's
 * own password and an admin's reset. (The local demo users' `demo` is seeded around them, and never works in
 * production.) The estimator is zxcvbn-ts — maintained, with a list of common passwords (language-common) and
 * Dutch words and names (language-nl-be) — because a length and character-class rule alone lets `Wachtwoord123!` in.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads no more than 72 bytes: a longer password would have a tail that protects nothing. */
export const PASSWORD_MAX_BYTES = 72;
/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from an offline slow-hash scenario" (≥ 10^8 guesses). */
export const PASSWORD_MIN_SCORE = 3;
/** The demo users' password of the local default. */
export const DEMO_PASSWORD = 'demo';

export interface PasswordRules {
  production: boolean;
  /** Refused in production (the built-in `demo` and whatever OCMW_DEMO_PASSWORD says). */
  demoPasswords: readonly string[];
}

export function passwordRules(config: { production: boolean; demoPassword: string }): PasswordRules {
  return { production: config.production, demoPasswords: [...new Set([DEMO_PASSWORD, config.demoPassword])] };
}

export function isDemoPassword(password: string, rules: PasswordRules): boolean {
  return rules.demoPasswords.some((demo) => demo.toLowerCase() === password.toLowerCase());
}

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  // Built once, on first use (its ranked dictionaries take a fifth of a second).
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...nlBe.dictionary },
    graphs: common.adjacencyGraphs,
    translations: nlBe.translations,
    maxLength: PASSWORD_MAX_BYTES,
  });
  return estimator;
}

/**
 * What is wrong with `password` (at most one error, the first rule it breaks), at `path` in the request. The password
 * may not contain the `username`; the estimator counts it and the `userInputs` (name, team) as known words. Whether it is the current password is the
 * caller's check (`password-reused`): it needs the stored hash.
 */
export function passwordProblems(
  password: string,
  rules: PasswordRules,
  options: { path: string; username?: string; userInputs?: readonly string[] },
): SchemaError[] {
  const problem = (code: string, message: string): SchemaError[] => [{ path: options.path, code, message }];
  if (rules.production && isDemoPassword(password, rules)) {
    return problem('password-demo', 'is een demowachtwoord; dat kan niet in productie');
  }
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return problem('password-too-short', `moet minstens ${PASSWORD_MIN_LENGTH} tekens lang zijn`);
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return problem('password-too-long', `mag hoogstens ${PASSWORD_MAX_BYTES} bytes lang zijn (ongeveer ${PASSWORD_MAX_BYTES} gewone tekens)`);
  }
  if (/^(.{1,6})\1+$/su.test(password)) {
    return problem('password-repeated', 'herhaalt telkens hetzelfde korte stuk (zoals abcabcabcabc)');
  }
  if (options.username && options.username.length >= 3 && password.toLowerCase().includes(options.username.toLowerCase())) {
    return problem('password-personal', 'bevat de gebruikersnaam');
  }
  const inputs = [...(options.username ? [options.username] : []), ...(options.userInputs ?? []), 'ocmw', 'flow', 'ocmw-flow', 'sociale dienst', DEMO_PASSWORD].filter((w) => w.length > 0);
  const result = zxcvbn().check(password, inputs);
  if (result.score < PASSWORD_MIN_SCORE) {
    const why = result.feedback.warning ? ` ${result.feedback.warning}` : '';
    return problem('password-weak', `is te makkelijk te raden.${why} Kies bijvoorbeeld enkele woorden die niet bij elkaar horen.`);
  }
  return [];
}
