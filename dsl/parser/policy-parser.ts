// The grammar of DESIGN §4 as a Chevrotain CstParser with error recovery on, so
// half-typed policies still give a tree. ast/ast-builder.ts turns the CST into
// the AST. Callers must bound nesting depth first (parse/parse-limits.ts): the
// expression rules recurse once per parenthesis, list and prefix operator.
import { CstParser, EMPTY_ALT, EOF, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import {
  ALL_TOKENS, BodyJunk, TopJunk, Comma, DateLiteral, Dot, Equals, Greater, GreaterEquals, Identifier, KEYWORDS as K,
  LBracket, LCurly, Less, LessEquals, LParen, Minus, NotEquals, NumberLiteral, Plus, RBracket, RCurly, RParen,
  Slash, Star, StringLiteral, Word, DURATION_UNITS,
} from '../lexer/tokens.js';
import { PARSER_MESSAGES } from './parser-messages.js';

function adjacent(left: IToken | undefined, right: IToken | undefined): boolean {
  return (
    left !== undefined && right !== undefined && Number.isFinite(left.endOffset) && Number.isFinite(right.startOffset) &&
    (left.endOffset as number) + 1 === right.startOffset
  );
}

/** Chevrotain internals the re-sync override below reads (stable across 10.x-11.x). */
interface RecoveryInternals {
  buildFullFollowKeyStack(): unknown[];
  getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
}

/** The CST stack the node-creation override below pushes to (stable across 10.x-11.x). */
interface CstInternals {
  CST_STACK: CstNode[];
}

export class PolicyParser extends CstParser {
  constructor() {
    super(ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: 'none',
      errorMessageProvider: PARSER_MESSAGES,
    });
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain 11 gives every CST node a `children` dictionary made with
   * `Object.create(null)`, which V8 keeps in slow (hash table) mode: a table
   * allocated per node and a hash lookup per label read. A plain literal keeps
   * the labels as fast properties with inline caches. No label of this grammar
   * is a name on Object.prototype, and ast/ast-builder.ts reads labels only.
   */
  cstInvocationStateUpdate(fullRuleName: string): void {
    const node: CstNode = { name: fullRuleName, children: {} };
    (this as unknown as CstInternals).CST_STACK.push(node);
  }

  /**
   * Where recovery re-synchronises. Chevrotain searches the follow sets from
   * the outermost rule inwards, and our junk categories match almost every
   * token, so a typo in a `when` condition would end the whole policy. We
   * search innermost first: the nearest enclosing rule that can continue wins.
   */
  findReSyncTokenType(): TokenType {
    const internals = this as unknown as RecoveryInternals;
    const follows = internals.buildFullFollowKeyStack().map((key) => internals.getFollowSetFromFollowKey(key) ?? []).reverse();
    for (let k = 1; ; k++) {
      const token = this.LA(k);
      for (const set of follows) for (const type of set) if (tokenMatcher(token, type)) return type;
      if (token.tokenType === EOF) return EOF;
    }
  }

  public file = this.RULE('file', () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.policy) },
        // Anything before a `policy` keyword: reported as one "expected 'policy'" diagnostic per run.
        { ALT: () => this.CONSUME(TopJunk, { LABEL: 'junk' }) },
      ]),
    );
  });

  public policy = this.RULE('policy', () => {
    this.CONSUME(K.policy);
    // A name without quotes (`policy Hold EMEA {`) is kept as words; the AST builder reports it.
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'name' }) },
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(Word, { LABEL: 'unquotedName' })) },
      { ALT: () => this.CONSUME(NumberLiteral, { LABEL: 'unquotedName' }) },
      { ALT: EMPTY_ALT() },
    ]);
    this.CONSUME(LCurly);
    this.MANY(() =>
      this.OR2([
        { ALT: () => this.SUBRULE(this.descriptionClause) },
        { ALT: () => this.SUBRULE(this.priorityClause) },
        { ALT: () => this.SUBRULE(this.whenClause) },
        { ALT: () => this.SUBRULE(this.holdStatement) },
        { ALT: () => this.SUBRULE(this.billingDayStatement) },
        { ALT: () => this.SUBRULE(this.overrideStatement) },
        { ALT: () => this.SUBRULE(this.alignStatement) },
        { ALT: () => this.SUBRULE(this.prorateStatement) },
        // Text that cannot start a statement: reported as one diagnostic per run.
        { ALT: () => this.CONSUME(BodyJunk, { LABEL: 'junk' }) },
      ]),
    );
    this.CONSUME(RCurly);
  });

  public descriptionClause = this.RULE('descriptionClause', () => {
    this.CONSUME(K.description);
    this.CONSUME(StringLiteral, { LABEL: 'text' });
  });

  public priorityClause = this.RULE('priorityClause', () => {
    this.CONSUME(K.priority);
    this.OPTION(() => this.CONSUME(Minus, { LABEL: 'sign' }));
    this.CONSUME(NumberLiteral, { LABEL: 'value' });
  });

  public whenClause = this.RULE('whenClause', () => {
    this.CONSUME(K.when);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
  });

  public holdStatement = this.RULE('holdStatement', () => {
    this.CONSUME(K.hold);
    this.CONSUME(K.billing);
    this.OPTION(() => {
      this.CONSUME(K.until);
      this.SUBRULE(this.expression, { LABEL: 'until' });
    });
    this.OPTION2(() => {
      this.CONSUME(K.reason);
      this.CONSUME(StringLiteral, { LABEL: 'reason' });
    });
  });

  public billingDayStatement = this.RULE('billingDayStatement', () => {
    this.CONSUME(K.billing);
    this.CONSUME(K.day);
    this.CONSUME(K.of);
    this.CONSUME(K.month);
    this.OR([
      { ALT: () => this.CONSUME(K.last, { LABEL: 'last' }) },
      { ALT: () => this.SUBRULE(this.expression, { LABEL: 'day' }) },
    ]);
  });

  public overrideStatement = this.RULE('overrideStatement', () => {
    this.CONSUME(K.override);
    this.CONSUME(K.billing);
    this.CONSUME(K.date);
    this.CONSUME(K.to);
    this.SUBRULE(this.expression, { LABEL: 'target' });
    this.OPTION(() => {
      this.CONSUME(K.reason);
      this.CONSUME(StringLiteral, { LABEL: 'reason' });
    });
  });

  public alignStatement = this.RULE('alignStatement', () => {
    this.CONSUME(K.align);
    this.CONSUME(K.amendments);
    this.CONSUME(K.to);
    this.SUBRULE(this.name, { LABEL: 'mode' });
  });

  public prorateStatement = this.RULE('prorateStatement', () => {
    this.CONSUME(K.prorate);
    this.SUBRULE(this.name, { LABEL: 'method' });
    this.OPTION(() => {
      this.CONSUME(K.rounding);
      this.SUBRULE2(this.name, { LABEL: 'rounding' });
    });
    this.OPTION2(() => {
      this.CONSUME(K.precision);
      this.CONSUME(NumberLiteral, { LABEL: 'precision' });
    });
  });

  /** A method or mode word; `monthly-daily`, `thirty-360` and `half-even` are one name (no spaces around `-`). */
  public name = this.RULE('name', () => {
    this.CONSUME(Identifier, { LABEL: 'part' });
    this.MANY({
      GATE: () => adjacent(this.LA(0), this.LA(1)) && adjacent(this.LA(1), this.LA(2)),
      DEF: () => {
        this.CONSUME(Minus, { LABEL: 'part' });
        this.OR([
          { ALT: () => this.CONSUME(Word, { LABEL: 'part' }) },
          { ALT: () => this.CONSUME(NumberLiteral, { LABEL: 'part' }) },
        ]);
      },
    });
  });

  // ------------------------------------------------------------ expressions

  /** The or-level: `a or b or c` (the loosest operator). */
  public expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpression, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(K.or, { LABEL: 'operator' });
      this.SUBRULE2(this.andExpression, { LABEL: 'operand' });
    });
  });

  public andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.comparison, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(K.and, { LABEL: 'operator' });
      this.SUBRULE2(this.comparison, { LABEL: 'operand' });
    });
  });

  /** `not* additive (operator additive)?`: prefix `not`s bind looser than the comparison they precede. */
  public comparison = this.RULE('comparison', () => {
    this.MANY(() => this.CONSUME(K.not, { LABEL: 'not' }));
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(Equals, { LABEL: 'operator' }) },
              { ALT: () => this.CONSUME(NotEquals, { LABEL: 'operator' }) },
              { ALT: () => this.CONSUME(LessEquals, { LABEL: 'operator' }) },
              { ALT: () => this.CONSUME(GreaterEquals, { LABEL: 'operator' }) },
              { ALT: () => this.CONSUME(Less, { LABEL: 'operator' }) },
              { ALT: () => this.CONSUME(Greater, { LABEL: 'operator' }) },
            ]);
            this.SUBRULE2(this.additive, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME2(K.not, { LABEL: 'notIn' }));
            this.CONSUME(K.in, { LABEL: 'in' });
            this.SUBRULE3(this.additive, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.is, { LABEL: 'is' });
            this.OR3([
              { ALT: () => this.CONSUME(K.present, { LABEL: 'present' }) },
              { ALT: () => this.CONSUME(K.missing, { LABEL: 'missing' }) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.between, { LABEL: 'between' });
            this.SUBRULE4(this.additive, { LABEL: 'low' });
            this.CONSUME(K.and, { LABEL: 'betweenAnd' });
            this.SUBRULE5(this.additive, { LABEL: 'high' });
          },
        },
        {
          ALT: () => {
            this.OR4([
              { ALT: () => this.CONSUME(K.contains, { LABEL: 'word' }) },
              {
                ALT: () => {
                  this.CONSUME(K.starts, { LABEL: 'word' });
                  this.CONSUME(K.with, { LABEL: 'word' });
                },
              },
              {
                ALT: () => {
                  this.CONSUME(K.ends, { LABEL: 'word' });
                  this.CONSUME2(K.with, { LABEL: 'word' });
                },
              },
              // A plugin's word operator: an identifier between two operands.
              { ALT: () => this.CONSUME(Identifier, { LABEL: 'word' }) },
            ]);
            this.SUBRULE6(this.additive, { LABEL: 'right' });
          },
        },
      ]),
    );
  });

  /**
   * `a + b * c - d`: both arithmetic levels in one rule, one CST node per
   * operand fewer; ast/ast-builder.ts applies the precedence of `*` and `/`.
   */
  public additive = this.RULE('additive', () => {
    this.SUBRULE(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(Plus, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(Minus, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(Star, { LABEL: 'operator' }) },
        { ALT: () => this.CONSUME(Slash, { LABEL: 'operator' }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: 'operand' });
    });
  });

  /** `-* primary`: literals, lists, parentheses, calls and field paths, with prefix minus signs. */
  public unary = this.RULE('unary', () => {
    this.MANY(() => this.CONSUME(Minus, { LABEL: 'minus' }));
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(DateLiteral, { LABEL: 'date' }) },
      { ALT: () => this.SUBRULE(this.numberOrDuration, { LABEL: 'number' }) },
      { ALT: () => this.CONSUME(K.true, { LABEL: 'boolean' }) },
      { ALT: () => this.CONSUME(K.false, { LABEL: 'boolean' }) },
      { ALT: () => this.SUBRULE(this.list, { LABEL: 'list' }) },
      { ALT: () => this.SUBRULE(this.parenthesized, { LABEL: 'paren' }) },
      { ALT: () => this.SUBRULE(this.callOrPath, { LABEL: 'reference' }) },
    ]);
  });

  /** `5`, `0.5`, or a duration `5 days` (a number followed by a unit word). */
  public numberOrDuration = this.RULE('numberOrDuration', () => {
    this.CONSUME(NumberLiteral, { LABEL: 'value' });
    this.OPTION({
      GATE: () => {
        const next = this.LA(1);
        return (next.tokenType === Identifier || next.tokenType === K.day || next.tokenType === K.month) && DURATION_UNITS[next.image] !== undefined;
      },
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(K.day, { LABEL: 'unit' }) },
          { ALT: () => this.CONSUME(K.month, { LABEL: 'unit' }) },
          { ALT: () => this.CONSUME2(Identifier, { LABEL: 'unit' }) },
        ]),
    });
  });

  public list = this.RULE('list', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: 'item' });
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.expression, { LABEL: 'item' });
      });
    });
    this.CONSUME(RBracket);
  });

  public parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.expression, { LABEL: 'inner' });
    this.CONSUME(RParen);
  });

  /** `f(a, b)` or a field path `account.region`; segments after a dot may be keywords (`line.day`). */
  public callOrPath = this.RULE('callOrPath', () => {
    // `day` and `month` are keywords (`billing day of month`), but a function of
    // the vocabulary may carry those names: right before `(` they are a callee.
    this.OR2([
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'head' }) },
      { GATE: () => this.LA(2).tokenType === LParen, ALT: () => this.CONSUME(K.month, { LABEL: 'head' }) },
      { GATE: () => this.LA(2).tokenType === LParen, ALT: () => this.CONSUME(K.day, { LABEL: 'head' }) },
    ]);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen, { LABEL: 'call' });
          this.OPTION(() => {
            this.SUBRULE(this.expression, { LABEL: 'arg' });
            this.MANY(() => {
              this.CONSUME(Comma);
              this.SUBRULE2(this.expression, { LABEL: 'arg' });
            });
          });
          this.CONSUME(RParen);
        },
      },
      {
        ALT: () =>
          this.MANY2(() => {
            this.CONSUME(Dot);
            this.CONSUME(Word, { LABEL: 'segment' });
          }),
      },
    ]);
  });
}

let instance: PolicyParser | undefined;

/** One parser per process (building it runs the grammar analysis once). */
export function policyParser(): PolicyParser {
  instance ??= new PolicyParser();
  return instance;
}

/** Parses a token stream; the parser's `errors` hold what recovery skipped. */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: PolicyParser['errors'] } {
  const parser = policyParser();
  parser.input = tokens;
  const cst = parser.file();
  return { cst, errors: [...parser.errors] };
}
