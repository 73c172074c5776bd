import { Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as it from '@zxcvbn-ts/language-it';
import {
  PerLanguage,
  ValidationFailedError,
  withTranslationKey,
} from '../../common/errors/domain-error';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const MIN_SCORE = 3;

/** OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane). */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/**
 * zxcvbn's work grows with the password's length and with its l33t-looking characters
 * (a 252-character "a1e3o0…" took 2.5 s of the event loop with the defaults, a hex-looking
 * 29-character one 190 ms). It judges the first 64 characters, far past any guessable prefix,
 * and tries at most 3 l33t substitutions, which keeps a check near 25 ms for any input.
 */
const ANALYSED_LENGTH = 64;
const L33T_SUBSTITUTIONS = 3;

function checker(translations: typeof en.translations): ZxcvbnFactory {
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...it.dictionary },
    graphs: common.adjacencyGraphs,
    translations,
    maxLength: ANALYSED_LENGTH,
    l33tMaxSubstitutions: L33T_SUBSTITUTIONS,
  });
}

/** Built once per process: ranking the dictionaries takes ~170 ms per language. */
let checkers: { en: ZxcvbnFactory; it: ZxcvbnFactory } | undefined;
function strength() {
  checkers ??= { en: checker(en.translations), it: checker(it.translations) };
  return checkers;
}

function hintOf(feedback: { warning: string | null; suggestions: string[] }): string {
  return [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
}

@Injectable()
export class PasswordService implements OnModuleInit {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private dummyHash: string;
  /** One checker per language of the answer: zxcvbn writes its hints at check time. */
  private readonly strength = strength();

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('ritmo-dummy-password-for-timing', ARGON2);
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? this.dummyHash, password);
    } catch {
      return false;
    }
  }

  /** Refuses short and guessable passwords with a reason the person can act on. */
  async assertStrong(password: string, field: string, userInputs: string[]): Promise<void> {
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw new ValidationFailedError([
        withTranslationKey(
          { field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` },
          'minLength',
          { 0: PASSWORD_MIN_LENGTH },
        ),
      ]);
    }
    const result = await this.strength.en.checkAsync(password, userInputs);
    if (result.score < MIN_SCORE) {
      const hintEn = hintOf(result.feedback);
      // Only a refused password pays for the second pass, whose hints are in Italian.
      const hintIt = hintOf((await this.strength.it.checkAsync(password, userInputs)).feedback);
      throw new ValidationFailedError([
        withTranslationKey(
          { field, message: `is too easy to guess${hintEn ? `: ${hintEn}` : ''}` },
          hintEn ? 'guessablePassword' : 'guessablePasswordNoHint',
          { hint: new PerLanguage({ en: hintEn, it: hintIt }) },
        ),
      ]);
    }
  }
}
