// Lexical colouring of the policy DSL (Monarch runs on the page thread; the
// meaning of names comes from the worker's diagnostics and the vocabulary).
import type { monaco } from '../monaco/monaco-setup.js';

export const KEYWORDS = [
  'policy', 'description', 'priority', 'when', 'hold', 'billing', 'until', 'reason', 'day', 'of', 'month',
  'last', 'override', 'date', 'to', 'align', 'amendments', 'own', 'original', 'prorate', 'rounding', 'precision',
];
export const OPERATOR_WORDS = ['and', 'or', 'not', 'in', 'is', 'present', 'missing', 'between', 'contains', 'starts', 'ends', 'with'];
export const CONSTANTS = ['true', 'false'];

export const monarchTokens: monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.proviso',
  keywords: KEYWORDS,
  operatorWords: OPERATOR_WORDS,
  constants: CONSTANTS,
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
            '@operatorWords': 'keyword.operator',
            '@constants': 'constant',
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
