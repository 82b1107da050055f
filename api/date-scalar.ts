// The Date scalar: a date in the dataset's EDTF subset, written and read as the same string; input is checked with
// the dataset's own date parser, so the API refuses exactly what a seed file would.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DateError, parseWhen } from '../core/dates.ts';
import { badInput } from '../store/errors.ts';

const MAX_LENGTH = 100;

/** The text if it is a date the dataset accepts; else the parser's message, which lists the accepted forms. */
function check(value: unknown): { text: string } | { problem: string } {
  if (typeof value !== 'string') return { problem: 'A Date is a string such as "1993-05", "1992-12-04/1993-05~" or "[..1993-05]"' };
  if (value.length > MAX_LENGTH) return { problem: `A Date is at most ${MAX_LENGTH} characters` };
  try {
    parseWhen(value);
    return { text: value };
  } catch (err) {
    if (err instanceof DateError) return { problem: err.message };
    throw err;
  }
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A date in the dataset\'s EDTF subset, as a string.',
  specifiedByURL: 'https://www.loc.gov/standards/datetime/',
  // Stored dates were validated when written: they go out as they are.
  serialize: (value) => String(value),
  // A variable: graphql-js keeps a plain error as the original error, so the client sees its code and message.
  parseValue(value) {
    const r = check(value);
    if ('problem' in r) throw badInput(r.problem, { expected: 'Date' });
    return r.text;
  },
  // A literal in the query text: reported during validation, with the code kept.
  parseLiteral(ast: ValueNode) {
    const r = check(ast.kind === Kind.STRING ? ast.value : undefined);
    if ('problem' in r) throw new GraphQLError(r.problem, { nodes: ast, extensions: { code: 'BAD_USER_INPUT', expected: 'Date' } });
    return r.text;
  },
});
