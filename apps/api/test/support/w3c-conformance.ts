import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** The draft-04 JSON Schemas and `.test` lists of github.com/w3c/web-annotation-tests, vendored with their licence. */
export const W3C_TESTS = path.resolve(__dirname, '../fixtures/w3c-web-annotation-tests');

interface Assertion {
  file: string;
  assertionType: 'must' | 'should' | 'may';
  expectedResult: 'valid' | 'invalid';
  onUnexpectedResult: string;
  errorMessage: string;
  validate: ValidateFunction;
}

export interface Failure {
  assertion: string;
  message: string;
  errors: string[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * One Ajv for the suite: every schema under definitions/ is registered by its own `id`
 * ("annotations.json", "id.json", …), which is how the assertions `$ref` them.
 */
function suiteAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv); // the schemas check `date-time` and `uri`
  const dir = path.join(W3C_TESTS, 'definitions');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) ajv.addSchema(readJson(path.join(dir, file)));
  return ajv;
}

/**
 * Loads a `.test` file (e.g. "annotations/annotationMusts.test") and returns a checker that
 * runs each listed assertion the way the W3C harness does: the schema's outcome is compared
 * with `expectedResult` (default "valid"); an unexpected outcome fails when the assertion is a
 * `must` or its `onUnexpectedResult` starts with "fail", and "…AndSkip"/"…AndAbort" stop the rest.
 */
export function loadSuite(testFile: string): { assertions: number; check: (doc: unknown) => Failure[] } {
  const ajv = suiteAjv();
  const listed: string[] = readJson(path.join(W3C_TESTS, testFile)).assertions;
  const assertions: Assertion[] = listed.map((file) => {
    const schema = readJson(path.join(W3C_TESTS, file));
    return {
      file,
      assertionType: schema.assertionType ?? 'must',
      expectedResult: schema.expectedResult ?? 'valid',
      onUnexpectedResult: schema.onUnexpectedResult ?? 'failAndContinue',
      errorMessage: schema.errorMessage ?? schema.title ?? file,
      validate: ajv.getSchema(schema.id) ?? ajv.compile(schema),
    };
  });

  const check = (doc: unknown): Failure[] => {
    const failures: Failure[] = [];
    for (const a of assertions) {
      const valid = a.validate(doc) as boolean;
      if (valid === (a.expectedResult === 'valid')) continue;
      if (a.assertionType === 'must' || a.onUnexpectedResult.startsWith('fail')) {
        const errors = (a.validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
        failures.push({ assertion: a.file, message: a.errorMessage, errors });
      }
      if (/AndSkip$|AndAbort$/.test(a.onUnexpectedResult)) break;
    }
    return failures;
  };
  return { assertions: assertions.length, check };
}
