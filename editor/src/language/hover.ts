// Hover: the vocabulary docs of the fact, function, operator, proration method
// or rounding mode under the mouse, else the doc of the DSL keyword.
import { monaco } from '../monaco/monaco-setup.js';
import { describeType } from '../vocabulary/manifest-to-vocabulary.js';
import type { EditorVocabulary } from '../vocabulary/editor-vocabulary.js';
import { examples, factDoc } from './completion.js';
import { wordAt } from './completion-context.js';
import { keywordDoc } from './keyword-docs.js';

export function provideHover(
  vocab: EditorVocabulary,
  model: monaco.editor.ITextModel,
  position: monaco.Position,
): monaco.languages.Hover | null {
  const line = model.getLineContent(position.lineNumber);
  const w = wordAt(line, position.column - 1);
  if (!w) return null;
  // Hovering `region` in `account.region` shows the whole fact; hovering `account` shows the object.
  const cursor = position.column - 1;
  const dotAfter = w.text.indexOf('.', cursor - w.start);
  const upToCursor = dotAfter < 0 ? w.text : w.text.slice(0, dotAfter);
  const range = new monaco.Range(position.lineNumber, w.start + 1, position.lineNumber, w.start + upToCursor.length + 1);
  const contents = describeWord(vocab, upToCursor, line, w.end);
  return contents ? { range, contents } : null;
}

function describeWord(vocab: EditorVocabulary, word: string, line: string, end: number): monaco.IMarkdownString[] | null {
  const fact = vocab.fact(word);
  if (fact) return [factDoc(fact)];
  const isCall = /^\s*\(/.test(line.slice(end));
  const fn = vocab.fn(word);
  if (fn && (isCall || !vocab.fact(word))) {
    const sig = `${fn.name}(${fn.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${describeType(p.type)}`).join(', ')}): ${describeType(fn.returns)}`;
    return [{ value: `\`\`\`\n${sig}\n\`\`\`` }, { value: fn.doc + examples(fn.examples) }];
  }
  const members = vocab.members(word);
  if (members.length > 0) {
    return [{ value: `**${word}** — ${members.length} facts: ${members.map((m) => `\`${m.name}\``).join(', ')}` }];
  }
  const op = vocab.operators.find((o) => o.name === word || o.name.split(' ')[0] === word);
  if (op) return [{ value: `**${op.name}** — ${describeType(op.left)} ${op.name} ${describeType(op.right)}\n\n${op.doc}${examples(op.examples)}` }];
  const method = vocab.prorationMethods.find((m) => m.name === word);
  if (method) return [{ value: `**${method.name}** — proration method\n\n${method.doc ?? ''}` }];
  const mode = vocab.roundingModes.find((m) => m.name === word);
  if (mode) return [{ value: `**${mode.name}** — rounding mode${mode.doc ? `\n\n${mode.doc}` : ''}` }];
  const keyword = keywordDoc(word);
  return keyword ? [{ value: keyword }] : null;
}
