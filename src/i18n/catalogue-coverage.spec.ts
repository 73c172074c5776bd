import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import enErrors from './en/errors.json';
import enValidation from './en/validation.json';
import itErrors from './it/errors.json';
import itValidation from './it/validation.json';

/**
 * Every text a person reads in an answer comes from the catalogue: an English field message
 * or error detail written in the code and missing from the Italian catalogue reaches an Italian
 * reader in English. This reads the source (TypeScript's parser, not a regex) and lists each
 * such text with its place, so a new one fails here before it leaks.
 *
 * Not covered on purpose: src/config/ (start-up errors for the operator, in the English log
 * like every log line), src/health/ (machine-read probe states) and src/i18n/ itself.
 */
const SRC = join(__dirname, '..');
const SKIPPED = ['config', 'health', 'i18n'];
/** English is the code's own text (the fallback); the Italian catalogue must have every one. */
const LANGS = ['it'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.includes(relative(SRC, path)) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

type Catalogue = { constraint: Record<string, string>; message: Record<string, string> };
const validation: Record<string, Catalogue> = { it: itValidation, en: enValidation };
const details: Record<string, Record<string, string>> = {
  it: itErrors.detail,
  en: enErrors.detail,
};

interface Finding {
  place: string;
  problem: string;
}

function textOf(node: ts.Node): { text: string; parametrized: boolean } | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return { text: node.text, parametrized: false };
  if (ts.isTemplateExpression(node)) return { text: node.head.text, parametrized: true };
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return textOf(node.body);
  return undefined;
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** `'key'`, or both keys of `cond ? 'a' : 'b'`. */
function literalKeys(node: ts.Expression | undefined): string[] | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [literalKeys(node.whenTrue), literalKeys(node.whenFalse)];
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** The enclosing withTranslationKey(…, 'key') or ValidateBy({ name: 'key' }) keys, if any. */
function translationKeys(node: ts.Node): string[] | undefined {
  for (let up: ts.Node | undefined = node.parent; up; up = up.parent) {
    if (!ts.isCallExpression(up)) continue;
    const name = calleeName(up);
    if (name === 'withTranslationKey') return literalKeys(up.arguments[1]);
    if (name === 'ValidateBy' && up.arguments[0] && ts.isObjectLiteralExpression(up.arguments[0])) {
      for (const property of up.arguments[0].properties) {
        if (
          ts.isPropertyAssignment(property) &&
          property.name.getText() === 'name' &&
          ts.isStringLiteral(property.initializer)
        )
          return [property.initializer.text];
      }
    }
  }
  return undefined;
}

function isDomainErrorClass(name: string): boolean {
  return name.endsWith('Error') && name !== 'Error' && name !== 'TypeError';
}

function scan(path: string): Finding[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const findings: Finding[] = [];
  const place = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    return `${relative(SRC, path)}:${line + 1}`;
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ['message', 'defaultMessage'].includes(node.name.getText())
    ) {
      const found = textOf(node.initializer);
      if (found) {
        const keys = translationKeys(node);
        for (const lang of LANGS) {
          if (keys !== undefined) {
            for (const key of keys.filter((k) => !(k in validation[lang].constraint)))
              findings.push({
                place: place(node),
                problem: `${lang}: validation.constraint.${key}`,
              });
          } else if (found.parametrized) {
            findings.push({
              place: place(node),
              problem: `"${found.text}…" has parameters: give it withTranslationKey(…)`,
            });
            break;
          } else if (!(found.text in validation[lang].message)) {
            findings.push({
              place: place(node),
              problem: `${lang}: validation.message "${found.text}"`,
            });
          }
        }
      }
    }
    if (ts.isNewExpression(node) && isDomainErrorClass(calleeName(node))) {
      const code = node.arguments?.[0];
      if (code && ts.isStringLiteral(code) && /^[a-z][a-z0-9-]+$/.test(code.text)) {
        for (const lang of LANGS) {
          if (!(code.text in details[lang]) && !(`${code.text}-generic` in details[lang]))
            findings.push({ place: place(node), problem: `${lang}: errors.detail.${code.text}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

describe('the catalogue covers every text an answer carries', () => {
  it('has an Italian and an English text for every field message and error detail in src/', () => {
    const findings = sourceFiles(SRC).flatMap(scan);
    expect(findings.map((f) => `${f.place} ${f.problem}`)).toEqual([]);
  });
});
