// What a GraphQL operation may cost before it runs: graphql-armor's depth, cost, alias, directive and token limits,
// each rejection coded LIMIT_EXCEEDED with the limit it hit; introspection and field suggestions as configured.
import { GraphQLError, type ASTVisitor, type FieldNode, type ValidationRule, type ValidationContext } from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { LRUCache } from 'lru-cache';
import type { Config } from '../store/config.ts';
import { limitExceeded } from '../store/errors.ts';

export type GraphqlLimits = Pick<Config, 'graphqlMaxDepth' | 'graphqlMaxCost' | 'graphqlMaxAliases' | 'graphqlMaxDirectives' | 'graphqlMaxTokens' | 'introspection'>;

const ADVICE = 'Ask for fewer fields or levels, or split the query in several requests.';

/** graphql-armor reports by throwing a "Syntax Error: …"; report a coded validation error instead and go on. */
function coded(limit: string, max: number) {
  return {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = `${error.message.replace(/^Syntax Error: /, '')} ${ADVICE}`;
        context?.reportError(new GraphQLError(message, { extensions: { code: 'LIMIT_EXCEEDED', limit, max } }));
      },
    ],
  };
}

/**
 * Refuses __schema and __type (__typename stays: clients need it for unions). Written on the syntax tree alone, unlike
 * graphql-js' NoSchemaIntrospectionCustomRule, so it works whichever copy of graphql-js built the schema.
 */
const noIntrospection: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  Field(node: FieldNode) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(new GraphQLError(`GraphQL introspection is turned off on this server (INTROSPECTION=false); the query asked for "${node.name.value}".`, { nodes: node }));
    }
  },
});

/** The validation rules Mercurius runs after graphql-js' own (an array, so Mercurius can cache parsed queries). */
export function validationRules(limits: GraphqlLimits): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.graphqlMaxDepth, ignoreIntrospection: true, flattenFragments: true, ...coded('depth', limits.graphqlMaxDepth) }) as unknown as ValidationRule,
    costLimitRule({ maxCost: limits.graphqlMaxCost, ignoreIntrospection: true, ...coded('cost', limits.graphqlMaxCost) }) as unknown as ValidationRule,
    maxAliasesRule({ n: limits.graphqlMaxAliases, ...coded('aliases', limits.graphqlMaxAliases) }) as unknown as ValidationRule,
    maxDirectivesRule({ n: limits.graphqlMaxDirectives, ...coded('directives', limits.graphqlMaxDirectives) }) as unknown as ValidationRule,
  ];
  if (!limits.introspection) rules.push(noIntrospection);
  return rules;
}

/** By name, not instanceof: graphql-armor requires graphql's CommonJS build, and a bundler may load the ESM one beside it. */
export const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof Error && error.name === 'GraphQLError';

/** A syntax error, shaped like Mercurius' validation errors so that it is answered 400 GRAPHQL_PARSE_FAILED. */
class ParseFailed extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: GraphQLError[]) {
    super(errors[0]?.message ?? 'Syntax Error');
  }
}

/**
 * Runs before Mercurius parses (a preParsing hook). The token limit guards the parser itself: a longer query is
 * refused without building its syntax tree. A query that does not parse is refused here too, because Mercurius would
 * otherwise retry it as a JSON-encoded syntax tree ("1", "true", "{…}") and trip over what comes out.
 */
export function checkSource(source: string, maxTokens: number): void {
  // A client sends the same few operations again and again (with other variables): a source that passed passes again.
  const passed = passedSources.get(maxTokens);
  if (passed?.get(source)) return;
  try {
    new MaxTokensParserWLexer(source, { n: maxTokens }).parseDocument();
    if (source.length <= PASSED_SOURCE_CHARS) remember(passedSources, maxTokens, source);
  } catch (err) {
    if (!isGraphQLError(err)) throw err;
    if (/Token limit of \d+ exceeded/.test(err.message)) {
      throw limitExceeded('tokens', maxTokens, `Token limit of ${maxTokens} exceeded. ${ADVICE}`);
    }
    throw new ParseFailed([err]);
  }
}

/** Sources that passed, per token limit; bounded like Mercurius' own query cache (least recently used dropped first). */
const passedSources = new Map<number, LRUCache<string, true>>();
const PASSED_SOURCES = 1024;
/** Longer sources are checked every time, so the cache holds at most 16 MB of text. */
const PASSED_SOURCE_CHARS = 16_384;

function remember(cache: Map<number, LRUCache<string, true>>, maxTokens: number, source: string): void {
  let passed = cache.get(maxTokens);
  if (!passed) cache.set(maxTokens, (passed = new LRUCache<string, true>({ max: PASSED_SOURCES })));
  passed.set(source, true);
}

/** graphql-js appends "Did you mean …?" to validation messages; that leaks the schema when introspection is off. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/, '');
}

/**
 * The answer's size, checked on the JSON Mercurius has already written (in Fastify's onSend): depth and cost are
 * estimated before a query runs, but a list of audit entries or a long text can still add up to megabytes. Over the
 * budget, the answer is replaced by one LIMIT_EXCEEDED error that says how to ask for less, as GitHub does for its node
 * limit. Returns the replacement body, or null when the answer fits. Checked here rather than on the result object,
 * whose serialising only to measure it cost a 300 KB neighbourhood answer about 4 ms.
 */
export function overBudget(payload: string, maxBytes: number): string | null {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit, so most answers need no count at all.
  if (payload.length * 3 <= maxBytes) return null;
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes <= maxBytes) return null;
  const error = new GraphQLError(
    `The answer would be ${bytes} bytes, more than this server sends (${maxBytes} bytes, RESPONSE_MAX_BYTES). `
    + 'Ask for less: a smaller limit, fewer fields (the before/after of changes, the text of exported files), or page with before/offset.',
    { extensions: { code: 'LIMIT_EXCEEDED', limit: 'responseBytes', max: maxBytes, bytes } },
  );
  return JSON.stringify({ data: null, errors: [error] });
}
