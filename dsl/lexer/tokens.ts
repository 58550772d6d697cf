// Token types of the policy DSL. Keywords are only the words of the grammar
// (DESIGN §4); vocabulary words (facts, functions, proration methods, rounding
// modes, `own`/`original`) are plain identifiers the binder resolves.
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Every word-shaped token (identifiers and keywords): field-path segments accept any. */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA });
/** Tokens skipped as junk between policies: everything but `policy`. */
export const TopJunk = createToken({ name: 'TopJunk', pattern: Lexer.NA });
/** Tokens skipped as junk inside a policy body: everything that cannot start a statement, end the body or start a policy. */
export const BodyJunk = createToken({ name: 'BodyJunk', pattern: Lexer.NA });
const AnyToken = [TopJunk, BodyJunk];
/** Words that start a policy item (they are never body junk). */
export const ITEM_START_WORDS: readonly string[] = ['description', 'priority', 'when', 'hold', 'billing', 'override', 'align', 'prorate'];

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED, line_breaks: true });
export const HashComment = createToken({ name: 'HashComment', pattern: /#[^\r\n]*/, group: 'comments' });
export const SlashComment = createToken({ name: 'SlashComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Word, ...AnyToken] });

/** The grammar's words, in the order DESIGN §4 lists them. */
export const KEYWORD_WORDS = [
  'policy', 'description', 'priority', 'when', 'hold', 'billing', 'until', 'reason', 'day', 'of', 'month',
  'last', 'override', 'date', 'to', 'align', 'amendments', 'prorate', 'rounding', 'precision', 'and', 'or',
  'not', 'in', 'is', 'present', 'missing', 'between', 'contains', 'starts', 'ends', 'with', 'true', 'false',
] as const;
export type KeywordWord = (typeof KEYWORD_WORDS)[number];

function keywordToken(word: string): TokenType {
  const name = 'Kw' + word[0].toUpperCase() + word.slice(1);
  const junk = word === 'policy' ? [] : ITEM_START_WORDS.includes(word) ? [TopJunk] : AnyToken;
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, categories: [Word, ...junk], label: `'${word}'` });
}

export const KEYWORDS = Object.fromEntries(KEYWORD_WORDS.map((w) => [w, keywordToken(w)])) as Record<KeywordWord, TokenType>;

export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/, categories: AnyToken });
/** A string without its closing quote; the lexer wrapper reports it and turns it into a StringLiteral. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/, categories: AnyToken });
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}/, categories: AnyToken });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?/, categories: AnyToken });

function punct(name: string, pattern: RegExp, label: string): TokenType {
  return createToken({ name, pattern, label, categories: name === 'RCurly' ? [TopJunk] : AnyToken });
}
export const NotEquals = punct('NotEquals', /!=/, "'!='");
export const LessEquals = punct('LessEquals', /<=/, "'<='");
export const GreaterEquals = punct('GreaterEquals', />=/, "'>='");
export const Equals = punct('Equals', /=/, "'='");
export const Less = punct('Less', /</, "'<'");
export const Greater = punct('Greater', />/, "'>'");
export const Plus = punct('Plus', /\+/, "'+'");
export const Minus = punct('Minus', /-/, "'-'");
export const Star = punct('Star', /\*/, "'*'");
export const Slash = punct('Slash', /\//, "'/'");
export const LParen = punct('LParen', /\(/, "'('");
export const RParen = punct('RParen', /\)/, "')'");
export const LBracket = punct('LBracket', /\[/, "'['");
export const RBracket = punct('RBracket', /\]/, "']'");
export const LCurly = punct('LCurly', /\{/, "'{'");
export const RCurly = punct('RCurly', /\}/, "'}'");
export const Comma = punct('Comma', /,/, "','");
export const Dot = punct('Dot', /\./, "'.'");

/** Keywords sorted longest first so `or` never shadows `override` / `original`. */
const KEYWORD_TOKENS_BY_LENGTH = [...KEYWORD_WORDS].sort((a, b) => b.length - a.length).map((w) => KEYWORDS[w]);

/** Lexer order matters: comments before `/`, dates before numbers, keywords before identifiers. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, HashComment, SlashComment,
  StringLiteral, UnterminatedString, DateLiteral, NumberLiteral,
  ...KEYWORD_TOKENS_BY_LENGTH, Identifier,
  NotEquals, LessEquals, GreaterEquals, Equals, Less, Greater,
  Plus, Minus, Star, Slash, LParen, RParen, LBracket, RBracket, LCurly, RCurly, Comma, Dot,
  Word, TopJunk, BodyJunk,
];

/** Duration unit words as written -> normalised unit. `day` and `month` are keywords too. */
export const DURATION_UNITS: Readonly<Record<string, 'day' | 'week' | 'month' | 'year'>> = {
  day: 'day', days: 'day', week: 'week', weeks: 'week', month: 'month', months: 'month', year: 'year', years: 'year',
};
