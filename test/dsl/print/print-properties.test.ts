// Property tests of the printer over generated valid policy trees:
// parse(print(ast)) equals ast (up to spans) and formatting is idempotent.
// fast-check prints the seed and the shrunk counterexample on failure.
import fc from 'fast-check';
import { parseDocument } from '../../../dsl/parse/parse-document.js';
import { formatDocument, printFile } from '../../../dsl/print/printer.js';
import { withoutSpans } from './ast-compare.js';
import { policyFile } from './policy-arbitrary.js';

const RUNS = 300;

test('parse(print(ast)) equals ast, without syntax diagnostics', () => {
  fc.assert(
    fc.property(policyFile(), (ast) => {
      const text = printFile(ast);
      const parsed = parseDocument(text);
      expect(parsed.diagnostics).toEqual([]);
      expect(withoutSpans(parsed.ast)).toEqual(withoutSpans(ast));
    }),
    { numRuns: RUNS },
  );
});

test('formatting printed text is idempotent', () => {
  fc.assert(
    fc.property(policyFile(), (ast) => {
      const text = printFile(ast);
      const once = formatDocument(text);
      expect(once.text).toBe(text);
      expect(formatDocument(once.text!).text).toBe(once.text);
    }),
    { numRuns: RUNS },
  );
});

test('formatting ignores how the text was spaced', () => {
  const layout = fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', ' \r\n ');
  fc.assert(
    fc.property(policyFile(2), fc.infiniteStream(layout), (ast, spaces) => {
      const canonical = printFile(ast);
      // Re-space: every run of spaces/newlines between tokens becomes another layout (text inside quotes is left alone).
      const respaced = canonical.replace(/("(?:[^"\\\n]|\\.)*")|[ \n]+/g, (match, quoted: string | undefined) => quoted ?? spaces.next().value);
      expect(formatDocument(respaced).text).toBe(canonical);
    }),
    { numRuns: RUNS },
  );
});
