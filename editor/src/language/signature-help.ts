// Signature help for vocabulary functions: parameters, types and docs while
// typing the arguments of `nextWeekday(` and the like.
import { monaco } from '../monaco/monaco-setup.js';
import { describeType } from '../vocabulary/manifest-to-vocabulary.js';
import type { EditorVocabulary } from '../vocabulary/editor-vocabulary.js';
import { examples } from './completion.js';
import { callContext } from './completion-context.js';

export function provideSignatureHelp(
  vocab: EditorVocabulary,
  model: monaco.editor.ITextModel,
  position: monaco.Position,
): monaco.languages.SignatureHelpResult | null {
  const textBefore = model.getValueInRange(new monaco.Range(Math.max(1, position.lineNumber - 20), 1, position.lineNumber, position.column));
  const call = callContext(textBefore);
  if (!call) return null;
  const fn = vocab.fn(call.name);
  if (!fn) return null;
  const params = fn.params.map((p) => ({
    label: `${p.name}${p.optional ? '?' : ''}: ${describeType(p.type)}`,
  }));
  const label = `${fn.name}(${params.map((p) => p.label).join(', ')}): ${describeType(fn.returns)}`;
  return {
    value: {
      signatures: [{ label, documentation: { value: fn.doc + examples(fn.examples) }, parameters: params }],
      activeSignature: 0,
      activeParameter: Math.min(call.argIndex, Math.max(0, params.length - 1)),
    },
    dispose() {},
  };
}
