// Completion by cursor context: statements inside a policy body, facts and
// declared attributes after `account.` etc., allowed values after `=` / `in [`,
// functions (with snippets; signature help is in signature-help.ts), proration
// methods after `prorate`, rounding modes after `rounding`. Every vocabulary
// word comes from the manifest, so a plugin's words appear without changes here.
import { monaco } from '../monaco/monaco-setup.js';
import { describeType } from '../vocabulary/manifest-to-vocabulary.js';
import { enumValues, type EditorVocabulary } from '../vocabulary/editor-vocabulary.js';
import { completionContext, type CompletionContext } from './completion-context.js';

type Item = monaco.languages.CompletionItem;
const Kind = monaco.languages.CompletionItemKind;
const Snippet = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;

interface StatementTemplate {
  readonly label: string;
  readonly snippet: string;
  readonly doc: string;
}

const STATEMENTS: readonly StatementTemplate[] = [
  { label: 'when', snippet: 'when ${1:condition}', doc: 'Which lines this policy applies to (default: every line).' },
  { label: 'hold billing until', snippet: 'hold billing until ${1:condition} reason "${2:reason}"', doc: 'Hold billing of a line until the condition holds; the reason is shown in run reports.' },
  { label: 'hold billing', snippet: 'hold billing reason "${1:reason}"', doc: 'Hold billing of every line the policy applies to.' },
  { label: 'billing day of month', snippet: 'billing day of month ${1:1}', doc: 'Bill on this day of the month (1–31 or `last`); short months clamp to their last day.' },
  { label: 'override billing date to', snippet: 'override billing date to ${1:date} reason "${2:reason}"', doc: "Move a period's billing date (never its coverage)." },
  { label: 'align amendments to', snippet: 'align amendments to ${1|original,own|}', doc: "`original`: amendments take the amended line's billing day, frequency and end date; `own`: their own cycle." },
  { label: 'prorate', snippet: 'prorate ${1:daily}', doc: 'How stub periods are prorated; optionally `rounding <mode>` and `precision <digits>`.' },
  { label: 'description', snippet: 'description "${1:text}"', doc: 'A sentence for readers of this policy.' },
  { label: 'priority', snippet: 'priority ${1:100}', doc: 'Higher priority wins when two policies set the same thing (default 0).' },
];

const COMPARISONS: readonly [string, string][] = [
  ['=', 'equals'], ['!=', 'differs from'], ['<', 'less than'], ['<=', 'at most'], ['>', 'greater than'], ['>=', 'at least'],
];
const CONDITION_WORDS: readonly [string, string, string][] = [
  ['and', 'and ', 'Both conditions hold.'],
  ['or', 'or ', 'Either condition holds.'],
  ['in', 'in [${1}]', 'The value is one of a list.'],
  ['not in', 'not in [${1}]', 'The value is none of a list.'],
  ['is present', 'is present', 'The fact has a value on this line.'],
  ['is missing', 'is missing', 'The fact has no value on this line.'],
  ['between', 'between ${1:low} and ${2:high}', 'Between two values, both ends included.'],
];

const SPACE_TRIGGERED = new Set<CompletionContext['kind']>(['prorationMethod', 'roundingMode', 'keywords', 'enumValue', 'afterProrate', 'billingDay']);

export function provideCompletions(
  vocab: EditorVocabulary,
  model: monaco.editor.ITextModel,
  position: monaco.Position,
  triggerCharacter?: string,
): Item[] {
  const textBefore = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
  const ctx = completionContext(textBefore, vocab.wordOperatorNames());
  // Typing a space or a quote pops suggestions only where a closed set of words follows.
  if (triggerCharacter === ' ' && !SPACE_TRIGGERED.has(ctx.kind)) return [];
  if (triggerCharacter === '"' && ctx.kind !== 'enumValue') return [];
  const word = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  return itemsFor(ctx, vocab, range, position);
}

function itemsFor(ctx: CompletionContext, vocab: EditorVocabulary, range: monaco.IRange, position: monaco.Position): Item[] {
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'topLevel':
      return [
        {
          label: 'policy',
          kind: Kind.Snippet,
          insertText: 'policy "${1:Name}" {\n\t${0}\n}',
          insertTextRules: Snippet,
          documentation: 'A new policy: a name, then clauses and statements in braces.',
          range,
        },
      ];
    case 'statement':
      return [
        ...STATEMENTS.map((s, i) => ({
          label: s.label,
          kind: Kind.Keyword,
          insertText: s.snippet,
          insertTextRules: Snippet,
          documentation: { value: s.doc },
          sortText: `0${i}`,
          range,
        })),
        // A condition may continue on a new line.
        ...['and', 'or'].map((w) => ({ label: w, kind: Kind.Operator, insertText: `${w} `, sortText: `9${w}`, range })),
      ];
    case 'expression':
      return expressionItems(vocab, range);
    case 'member':
      return vocab.members(ctx.object).map(({ name, fact }) => ({
        label: name,
        kind: fact ? Kind.Field : Kind.Module,
        insertText: name,
        detail: fact ? `${describeType(fact.type)}${fact.optional ? ' (may be missing)' : ''}` : `${ctx.object}.${name}…`,
        documentation: fact ? factDoc(fact) : undefined,
        range,
      }));
    case 'enumValue': {
      const fact = vocab.fact(ctx.path);
      if (!fact) return [];
      const values = enumValues(fact.type);
      const isBool = fact.type.kind === 'boolean';
      const r = ctx.quoted
        ? new monaco.Range(position.lineNumber, position.column - ctx.prefix.length - 1, position.lineNumber, position.column)
        : range;
      return values.map((v, i) => {
        const text = isBool ? v : `"${v}"`;
        return {
          label: text,
          kind: Kind.EnumMember,
          insertText: text,
          filterText: ctx.quoted ? `"${v}` : text,
          detail: `allowed value of ${ctx.path}`,
          sortText: String(i).padStart(3, '0'),
          range: r,
        };
      });
    }
    case 'afterValue':
      return [
        ...COMPARISONS.map(([op, doc]) => ({ label: op, kind: Kind.Operator, insertText: `${op} `, detail: doc, range })),
        ...CONDITION_WORDS.map(([label, snippet, doc]) => ({
          label,
          kind: Kind.Operator,
          insertText: snippet,
          insertTextRules: Snippet,
          documentation: doc,
          range,
        })),
        ...vocab.operators.map((op) => ({
          label: op.name,
          kind: Kind.Operator,
          insertText: `${op.name} `,
          detail: `${describeType(op.left)} ${op.name} ${describeType(op.right)}`,
          documentation: { value: op.doc + examples(op.examples) },
          range,
        })),
        { label: 'reason', kind: Kind.Keyword, insertText: 'reason "${1}"', insertTextRules: Snippet, documentation: 'Why (shown in run reports).', range },
      ];
    case 'prorationMethod':
      return vocab.prorationMethods.map((m) => ({
        label: m.name,
        kind: Kind.EnumMember,
        insertText: m.name,
        detail: m.origin && m.origin !== 'builtin' ? `proration method (${m.origin})` : 'proration method',
        documentation: { value: m.doc ?? '' },
        range,
      }));
    case 'roundingMode':
      return vocab.roundingModes.map((m) => ({
        label: m.name,
        kind: Kind.EnumMember,
        insertText: m.name,
        detail: 'rounding mode',
        documentation: m.doc ? { value: m.doc } : undefined,
        range,
      }));
    case 'afterProrate':
      return [
        { label: 'rounding', kind: Kind.Keyword, insertText: 'rounding ', range, command: { id: 'editor.action.triggerSuggest', title: 'suggest' } },
        { label: 'precision', kind: Kind.Keyword, insertText: 'precision ${1:2}', insertTextRules: Snippet, range },
      ];
    case 'billingDay':
      return [
        { label: 'last', kind: Kind.Keyword, insertText: 'last', detail: 'the last day of each month', sortText: '00', range },
        ...Array.from({ length: 31 }, (_, i) => ({
          label: String(i + 1),
          kind: Kind.Value,
          insertText: String(i + 1),
          detail: i + 1 > 28 ? 'clamps to the last day in shorter months' : 'day of month',
          sortText: String(i + 1).padStart(3, '0'),
          range,
        })),
        ...expressionItems(vocab, range).map((item) => ({ ...item, sortText: `9${item.sortText ?? item.label}` })),
      ];
    case 'keywords':
      return ctx.words.map((w) => ({
        label: w,
        kind: Kind.Keyword,
        insertText: `${w} `,
        range,
        command: { id: 'editor.action.triggerSuggest', title: 'suggest' },
      }));
  }
}

function expressionItems(vocab: EditorVocabulary, range: monaco.IRange): Item[] {
  const roots = vocab.roots().map(({ name, fact }) => ({
    label: name,
    kind: fact ? Kind.Variable : Kind.Module,
    insertText: fact ? name : `${name}.`,
    detail: fact ? describeType(fact.type) : `${name} facts`,
    documentation: fact ? factDoc(fact) : undefined,
    command: fact ? undefined : { id: 'editor.action.triggerSuggest', title: 'suggest' },
    sortText: `1${name}`,
    range,
  }));
  const fns = vocab.functions.map((fn) => ({
    label: fn.name,
    kind: Kind.Function,
    insertText: `${fn.name}(${fn.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ')})`,
    insertTextRules: Snippet,
    detail: `${fn.name}(${fn.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${describeType(p.type)}`).join(', ')}): ${describeType(fn.returns)}`,
    documentation: { value: fn.doc + examples(fn.examples) },
    command: { id: 'editor.action.triggerParameterHints', title: 'signature' },
    sortText: `2${fn.name}`,
    range,
  }));
  const literals = ['true', 'false', 'not'].map((w) => ({ label: w, kind: Kind.Keyword, insertText: `${w} `, sortText: `3${w}`, range }));
  return [...roots, ...fns, ...literals];
}

export function factDoc(fact: { path: string; type: import('../../../dsl/vocabulary/vocabulary-types.js').DslType; doc: string; optional: boolean; origin?: string; scope?: string; examples?: readonly string[] }): monaco.IMarkdownString {
  const lines = [
    `**${fact.path}** — ${describeType(fact.type)}${fact.optional ? ' (may be missing)' : ''}`,
    '',
    fact.doc,
  ];
  if (fact.scope === 'period') lines.push('', '_Only in per-period evaluation._');
  if (fact.origin && fact.origin !== 'builtin') lines.push('', `_From: ${fact.origin}_`);
  return { value: lines.join('\n') + examples(fact.examples) };
}

export function examples(list: readonly string[] | undefined): string {
  if (!list || list.length === 0) return '';
  return `\n\nExamples:\n${list.map((e) => `- \`${e}\``).join('\n')}`;
}
