// Lexical colouring of the policy DSL (Monarch runs on the page thread; the
// meaning of names comes from the worker's diagnostics and the vocabulary).
// Keywords are the grammar's; the vocabulary's words (built-in or a plugin's
// operators, functions, proration methods, rounding modes) come from the
// manifest, so a plugin's word is coloured like a built-in one.
import type { monaco } from '../monaco/monaco-setup.js';

export const KEYWORDS = [
  'policy', 'description', 'priority', 'when', 'hold', 'billing', 'until', 'reason', 'day', 'of', 'month',
  'last', 'override', 'date', 'to', 'align', 'amendments', 'own', 'original', 'prorate', 'rounding', 'precision',
];
export const OPERATOR_WORDS = ['and', 'or', 'not', 'in', 'is', 'present', 'missing', 'between', 'contains', 'starts', 'ends', 'with'];
export const CONSTANTS = ['true', 'false'];

/** Words of the vocabulary the tokenizer colours (from the manifest). */
export interface HighlightWords {
  readonly operators: readonly string[];
  readonly functions: readonly string[];
  /** Proration methods and rounding modes. */
  readonly methods: readonly string[];
}

/** Token classes: the Monaco theme colours them by prefix. */
export const TOKEN = { operatorWord: 'keyword.operator', function: 'variable.predefined', method: 'type' } as const;

export function monarchTokensFor(words: HighlightWords): monaco.languages.IMonarchLanguage {
  // Multi-word operators (`starts with`) colour word by word.
  const operatorWords = [...new Set([...OPERATOR_WORDS, ...words.operators.flatMap((o) => o.split(' '))])].filter((w) => !KEYWORDS.includes(w));
  return {
    ...monarchTokens,
    operatorWords,
    functions: [...new Set(words.functions)],
    methods: [...new Set(words.methods)].filter((w) => !KEYWORDS.includes(w) && !operatorWords.includes(w)),
  };
}

export const monarchTokens: monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.proviso',
  keywords: KEYWORDS,
  operatorWords: OPERATOR_WORDS,
  constants: CONSTANTS,
  functions: [],
  methods: [],
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\/\/.*$/, 'comment'],
      [/"/, { token: 'string.quote', next: '@string' }],
      [/\d{4}-\d{2}-\d{2}\b/, 'number.date'],
      [/\d+\s+(?:days?|weeks?|months?|years?)\b/, 'number.duration'],
      [/\d+(?:\.\d+)?/, 'number'],
      [
        /[A-Za-z_][\w]*(?:-[A-Za-z0-9_]+)*/,
        {
          cases: {
            '@keywords': 'keyword',
            '@operatorWords': TOKEN.operatorWord,
            '@constants': 'constant',
            '@functions': TOKEN.function,
            '@methods': TOKEN.method,
            '@default': 'identifier',
          },
        },
      ],
      [/[{}()[\]]/, '@brackets'],
      [/!=|<=|>=|[=<>+\-*/]/, 'operator'],
      [/[.,]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string.quote', next: '@pop' }],
    ],
  },
};

export const languageConfiguration: monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*|\d+(?:\.\d+)?/g,
  indentationRules: {
    increaseIndentPattern: /\{[^}"]*$/,
    decreaseIndentPattern: /^\s*\}/,
  },
};
