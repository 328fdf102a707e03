import { formatPyNumber, numericValue, roundPython, type PyNumber } from './python-number.js';

/**
 * A safe evaluator for the arithmetic the original MedCalc-Bench harness `eval`s out of `str(<expression>)`
 * answers: numbers, + - * / // % **, comparisons, and/or/not, parentheses, and the names it exposed (min, pow,
 * round, abs, int, float, math functions, np and numpy functions). Anything else is an error, as a NameError or SyntaxError was
 * there. Model text is never executed.
 */

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Value = PyNumber | { type: 'tuple'; items: Value[] } | { type: 'function'; name: string };

type Token = { kind: 'number'; text: string } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

const OPERATORS = ['**', '//', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '(', ')', ',', '<', '>', '.'];

/* Sticky patterns matched in place: slicing the rest of the text for each token was quadratic on long input. */
const SPACE = /\s+/y;
const NUMBER_TOKEN = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME_TOKEN = /[A-Za-z_]\w*/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index, index + 2);
    SPACE.lastIndex = index;
    const space = SPACE.exec(text);
    if (space) {
      index += space[0].length;
      continue;
    }
    NUMBER_TOKEN.lastIndex = index;
    const number = NUMBER_TOKEN.exec(text);
    if (number) {
      if (/^0\d+$/.test(number[0]) && !/^0+$/.test(number[0]))
        throw new ExpressionError('leading zeros in an integer');
      tokens.push({ kind: 'number', text: number[0] });
      index += number[0].length;
      continue;
    }
    NAME_TOKEN.lastIndex = index;
    const name = NAME_TOKEN.exec(text);
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      index += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (operator === undefined)
      throw new ExpressionError(`invalid syntax near "${text.slice(index, index + 10)}"`);
    tokens.push({ kind: 'op', text: operator });
    index += operator.length;
  }
  return tokens;
}

const int = (value: number): PyNumber => ({ type: 'int', value });
const float = (value: number): PyNumber => ({ type: 'float', value });

function asNumber(value: Value): PyNumber {
  if (value.type === 'tuple' || value.type === 'function')
    throw new ExpressionError(`unsupported operand ${value.type}`);
  return value;
}

function isIntLike(value: PyNumber): boolean {
  return value.type !== 'float';
}

function truthy(value: Value): boolean {
  if (value.type === 'tuple') return value.items.length > 0;
  if (value.type === 'function') return true;
  return numericValue(value) !== 0;
}

function arithmetic(operator: string, leftValue: Value, rightValue: Value): PyNumber {
  const left = asNumber(leftValue);
  const right = asNumber(rightValue);
  const a = numericValue(left);
  const b = numericValue(right);
  const bothInt = isIntLike(left) && isIntLike(right);
  const make = (result: number) => (bothInt ? int(result) : float(result));
  switch (operator) {
    case '+':
      return make(a + b);
    case '-':
      return make(a - b);
    case '*':
      return make(a * b);
    case '/':
      if (b === 0) throw new ExpressionError('division by zero');
      return float(a / b);
    case '//':
      if (b === 0) throw new ExpressionError('division by zero');
      return make(Math.floor(a / b));
    case '%':
      if (b === 0) throw new ExpressionError('modulo by zero');
      return make(a - b * Math.floor(a / b));
    case '**': {
      if (a === 0 && b < 0) throw new ExpressionError('zero to a negative power');
      if (a < 0 && !Number.isInteger(b)) throw new ExpressionError('complex result');
      return bothInt && b >= 0 ? int(a ** b) : float(a ** b);
    }
    default:
      throw new ExpressionError(`unknown operator ${operator}`);
  }
}

function compare(operator: string, a: number, b: number): boolean {
  switch (operator) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    default:
      return a !== b;
  }
}

const MATH_FUNCTIONS: Record<string, (args: PyNumber[]) => PyNumber> = {
  sqrt: ([x]) => {
    const value = numericValue(x ?? int(0));
    if (value < 0) throw new ExpressionError('math domain error');
    return float(Math.sqrt(value));
  },
  log: ([x, base]) => {
    const value = numericValue(x ?? int(0));
    if (value <= 0) throw new ExpressionError('math domain error');
    return float(base === undefined ? Math.log(value) : Math.log(value) / Math.log(numericValue(base)));
  },
  log10: ([x]) => float(Math.log10(numericValue(x ?? int(0)))),
  log2: ([x]) => float(Math.log2(numericValue(x ?? int(0)))),
  exp: ([x]) => float(Math.exp(numericValue(x ?? int(0)))),
  floor: ([x]) => int(Math.floor(numericValue(x ?? int(0)))),
  ceil: ([x]) => int(Math.ceil(numericValue(x ?? int(0)))),
  fabs: ([x]) => float(Math.abs(numericValue(x ?? int(0)))),
  pow: ([x, y]) => float(numericValue(x ?? int(0)) ** numericValue(y ?? int(0))),
};

const NUMPY_FUNCTIONS: Record<string, (args: PyNumber[]) => PyNumber> = {
  sqrt: ([x]) => float(Math.sqrt(numericValue(x ?? int(0)))),
  log: ([x]) => float(Math.log(numericValue(x ?? int(0)))),
  log10: ([x]) => float(Math.log10(numericValue(x ?? int(0)))),
  exp: ([x]) => float(Math.exp(numericValue(x ?? int(0)))),
  abs: ([x]) => float(Math.abs(numericValue(x ?? int(0)))),
  floor: ([x]) => float(Math.floor(numericValue(x ?? int(0)))),
  ceil: ([x]) => float(Math.ceil(numericValue(x ?? int(0)))),
  power: ([x, y]) => float(numericValue(x ?? int(0)) ** numericValue(y ?? int(0))),
  round: ([x, n]) =>
    float(numericValue(roundPython(numericValue(x ?? int(0)), n === undefined ? 0 : numericValue(n)))),
};

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

function callFunction(name: string, args: Value[]): PyNumber {
  const numbers = args.flatMap((arg) => (arg.type === 'tuple' ? arg.items.map(asNumber) : [asNumber(arg)]));
  const [first, second] = numbers;
  const [module, member = ''] = name.split('.');
  if (module === 'math' && MATH_FUNCTIONS[member]) return MATH_FUNCTIONS[member](numbers);
  if ((module === 'np' || module === 'numpy') && NUMPY_FUNCTIONS[member])
    return NUMPY_FUNCTIONS[member](numbers);
  if (first === undefined) throw new ExpressionError(`${name}() needs an argument`);
  switch (name) {
    case 'min':
      return numbers.reduce((best, value) => (numericValue(value) < numericValue(best) ? value : best));
    case 'abs':
      return first.type === 'float' ? float(Math.abs(first.value)) : int(Math.abs(numericValue(first)));
    case 'int':
      return int(Math.trunc(numericValue(first)));
    case 'float':
      return float(numericValue(first));
    case 'round': {
      const digits = second === undefined ? undefined : numericValue(second);
      // round() of an int stays an int (round(96, 2) is 96, not 96.0).
      if (first.type !== 'float' && (digits === undefined || digits >= 0)) return int(numericValue(first));
      return roundPython(numericValue(first), digits);
    }
    case 'pow':
      return arithmetic('**', first, second ?? int(1));
    default:
      throw new ExpressionError(`name "${name}" is not defined`);
  }
}

const CALLABLE = new Set(['min', 'abs', 'int', 'float', 'round', 'pow']);

/**
 * How deep the recursive parser may go: each parenthesis or call level costs two, each unary `-`, `+`, `not` or
 * `**` one. 500 accepts the ~200 nested parentheses CPython's own parser allows (beyond that it raises a
 * SyntaxError, and so do we), and keeps model text from overflowing the stack.
 */
export const MAX_EXPRESSION_DEPTH = 500;

class ExpressionParser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private nest(parse: () => Value): Value {
    if (this.depth >= MAX_EXPRESSION_DEPTH) throw new ExpressionError('expression nested too deeply');
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  parse(): Value {
    const value = this.parseTuple();
    if (this.index < this.tokens.length) throw new ExpressionError('invalid syntax');
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if (token !== undefined && token.kind !== 'number' && token.text === text) {
      this.index++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw new ExpressionError(`expected "${text}"`);
  }

  private parseTuple(): Value {
    const first = this.parseOr();
    if (this.peek()?.text !== ',') return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.peek() === undefined || this.peek()?.text === ')') break;
      items.push(this.parseOr());
    }
    return { type: 'tuple', items };
  }

  private parseOr(): Value {
    let left = this.parseAnd();
    while (this.accept('or')) {
      const right = this.parseAnd();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  private parseAnd(): Value {
    let left = this.parseNot();
    while (this.accept('and')) {
      const right = this.parseNot();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  private parseNot(): Value {
    return this.nest(() => {
      if (this.accept('not')) return { type: 'bool', value: !truthy(this.parseNot()) };
      return this.parseComparison();
    });
  }

  private parseComparison(): Value {
    let left = this.parseSum();
    let result: boolean | undefined;
    for (;;) {
      const operator = this.peek()?.text;
      if (operator === undefined || !['<', '>', '<=', '>=', '==', '!='].includes(operator)) break;
      this.index++;
      const right = this.parseSum();
      const holds = compare(operator, numericValue(asNumber(left)), numericValue(asNumber(right)));
      result = (result ?? true) && holds;
      left = right;
    }
    return result === undefined ? left : { type: 'bool', value: result };
  }

  private parseSum(): Value {
    let left = this.parseTerm();
    for (;;) {
      const operator = this.peek()?.text;
      if (operator !== '+' && operator !== '-') return left;
      this.index++;
      left = arithmetic(operator, left, this.parseTerm());
    }
  }

  private parseTerm(): Value {
    let left = this.parseUnary();
    for (;;) {
      const operator = this.peek()?.text;
      if (operator !== '*' && operator !== '/' && operator !== '//' && operator !== '%') return left;
      this.index++;
      left = arithmetic(operator, left, this.parseUnary());
    }
  }

  private parseUnary(): Value {
    return this.nest(() => {
      if (this.accept('-')) return arithmetic('-', int(0), this.parseUnary());
      if (this.accept('+')) return asNumber(this.parseUnary());
      return this.parsePower();
    });
  }

  private parsePower(): Value {
    const base = this.parseCall();
    if (this.accept('**')) return arithmetic('**', base, this.parseUnary());
    return base;
  }

  private parseCall(): Value {
    let value = this.parseAtom();
    while (value.type === 'function' && this.accept('(')) {
      const args: Value[] = [];
      while (!this.accept(')')) {
        args.push(this.parseOr());
        if (!this.accept(',')) {
          this.expect(')');
          break;
        }
      }
      value = callFunction(value.name, args);
    }
    if (value.type === 'function') throw new ExpressionError(`"${value.name}" is not a number`);
    return value;
  }

  private parseAtom(): Value {
    const token = this.peek();
    if (token === undefined) throw new ExpressionError('unexpected end of expression');
    this.index++;
    if (token.kind === 'number') {
      return /[.eE]/.test(token.text) ? float(Number(token.text)) : int(Number(token.text));
    }
    if (token.text === '(') {
      if (this.accept(')')) return { type: 'tuple', items: [] };
      const inner = this.parseTuple();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'name') throw new ExpressionError(`unexpected "${token.text}"`);
    if (token.text === 'True' || token.text === 'False')
      return { type: 'bool', value: token.text === 'True' };
    let name = token.text;
    while (this.accept('.')) {
      const member = this.peek();
      if (member?.kind !== 'name') throw new ExpressionError('invalid attribute');
      this.index++;
      name = `${name}.${member.text}`;
    }
    const [module, member] = name.split('.');
    if (
      (module === 'math' || module === 'np' || module === 'numpy') &&
      member !== undefined &&
      name.split('.').length === 2
    ) {
      const constant = CONSTANTS[member];
      if (constant !== undefined) return float(constant);
      const table = module === 'math' ? MATH_FUNCTIONS : NUMPY_FUNCTIONS;
      if (table[member]) return { type: 'function', name };
    }
    if (CALLABLE.has(name)) return { type: 'function', name };
    throw new ExpressionError(`name "${name}" is not defined`);
  }
}

/** Evaluates an expression to Python's `str()` of the result; throws ExpressionError where Python would raise. */
export function evaluatePythonExpression(text: string): string {
  const value = new ExpressionParser(tokenize(text)).parse();
  if (value.type === 'tuple' || value.type === 'function') {
    throw new ExpressionError('the expression is not a single number');
  }
  if (value.type === 'float' && !Number.isFinite(value.value))
    throw new ExpressionError('not a finite number');
  return formatPyNumber(value);
}
