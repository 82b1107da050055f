// The only module that talks to the server: typed GraphQL queries posted to /graphql (same origin).
import { CITATION, INTERVAL, LINK, NODE_BRIEF } from './fragments.ts';
import type { StoryFile } from './story-model.ts';
import type {
  Broker, ChannelReach, Dataset, DatasetDiff, DatasetExport, ExportFormat, LinkType, MeetingResult, NodeDetails, NodeKind, PathMode, PathQuery, PathResult, SearchHit, StoryData, StorySummary, Subgraph,
} from './types.ts';

/** A GraphQL or network failure, with the server's machine-readable code when it gave one. */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ApiError';
  }
}

const MESSAGES: Record<string, string> = {
  NETWORK: 'The server could not be reached. Check your connection and try again.',
  DATABASE_UNAVAILABLE: 'The database is unavailable right now. Try again in a minute.',
};

/** Posts one operation; `partial` accepts an answer with errors beside its data (each null field then has its error). */
async function gql<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal, headers: Record<string, string> = {}, partial = false): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(MESSAGES.NETWORK, 'NETWORK');
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without data.`, 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first && !(partial && body.data)) {
    const code = first.extensions?.code ?? 'INTERNAL';
    throw new ApiError(code === 'DATABASE_UNAVAILABLE' && !first.message ? MESSAGES.DATABASE_UNAVAILABLE : first.message, code);
  }
  if (!body.data) throw new ApiError(`The server answered ${response.status} without data.`, 'NETWORK');
  return body.data;
}

export async function dataset(): Promise<Dataset> {
  const data = await gql<{ dataset: Dataset }>(
    `query Dataset { dataset { version loadedAt counts { people institutions governments channels sessions documents sources links } limits { maxHops k } } }`,
    {},
  );
  return data.dataset;
}

export async function search(text: string, kinds: NodeKind[] | null, signal?: AbortSignal, limit = 8): Promise<SearchHit[]> {
  const data = await gql<{ search: SearchHit[] }>(
    `query Search($text: String!, $kinds: [NodeKind!], $limit: Int) {
      search(text: $text, kinds: $kinds, limit: $limit) { score matched node { ${NODE_BRIEF} } }
    }`,
    { text, kinds, limit },
    signal,
  );
  return data.search;
}

export async function neighbourhood(
  id: string,
  options: { depth?: number; linkTypes?: LinkType[] | null; limit?: number } = {},
): Promise<Subgraph> {
  const data = await gql<{ neighbourhood: Subgraph }>(
    `query Neighbourhood($id: ID!, $depth: Int, $linkTypes: [LinkType!], $limit: Int) {
      neighbourhood(id: $id, depth: $depth, linkTypes: $linkTypes, limit: $limit) {
        truncated nodes { ${NODE_BRIEF} } links { ${LINK} }
      }
    }`,
    { id, depth: options.depth ?? 1, linkTypes: options.linkTypes ?? null, limit: options.limit ?? 500 },
  );
  return data.neighbourhood;
}

export async function influencePaths(query: PathQuery, signal?: AbortSignal): Promise<PathResult> {
  const data = await gql<{ influencePaths: PathResult }>(
    `query InfluencePaths($from: ID!, $to: ID, $window: WindowInput, $time: TimeMode, $mode: PathMode,
        $linkTypes: [LinkType!], $exclude: [ID!], $maxHops: Int, $k: Int) {
      influencePaths(from: $from, to: $to, window: $window, time: $time, mode: $mode, linkTypes: $linkTypes,
          exclude: $exclude, maxHops: $maxHops, k: $k) {
        static stopReason explanation datasetVersion
        closest { node { ${NODE_BRIEF} } hops arrival brokenLink { ${LINK} from { ${NODE_BRIEF} } to { ${NODE_BRIEF} } } }
        paths {
          rank hopCount arrival arrivalLabel earliestArrival latestArrival arrivalRangeLabel certain evidence weakestHop
          source { id name } decisionMaker { id name } government { id name }
          nodes { ${NODE_BRIEF} }
          hops { against instant sentence from { id name } to { id name } link { ${LINK} } }
        }
      }
    }`,
    {
      from: query.from,
      to: query.to ?? null,
      window: query.window ?? null,
      time: query.time ?? 'RESPECTING',
      mode: query.mode ?? 'POTENTIAL',
      linkTypes: query.linkTypes?.length ? query.linkTypes : null,
      exclude: query.exclude?.length ? query.exclude : null,
      maxHops: query.maxHops ?? 6,
      k: query.k ?? 5,
    },
    signal,
  );
  return data.influencePaths;
}

/** NODE_BRIEF for fields typed Person or Government (a fragment on another kind cannot be spread there). */
const PERSON_BRIEF = `__typename id kind name side anonymous offices { id rank title when { ${INTERVAL} } to { id name } }`;
const GOVERNMENT_BRIEF = '__typename id kind name side';
const PATH = `rank hopCount arrival arrivalLabel earliestArrival latestArrival arrivalRangeLabel certain evidence weakestHop
  source { id name } decisionMaker { id name } government { id name }
  nodes { ${NODE_BRIEF} }
  hops { against instant sentence from { id name } to { id name } link { ${LINK} } }`;

/** Who bridges a channel's participants to the leaders (of one government or person, or any), ranked. */
export async function brokers(query: { channel: string; to?: string | null; window?: { from?: string; to?: string } | null; mode: PathMode; maxHops?: number }, signal?: AbortSignal): Promise<Broker[]> {
  const data = await gql<{ brokers: Broker[] }>(
    `query Brokers($channel: ID!, $to: ID, $window: WindowInput, $mode: PathMode, $maxHops: Int) {
      brokers(channel: $channel, to: $to, window: $window, mode: $mode, maxHops: $maxHops, limit: 20) {
        person { ${PERSON_BRIEF} } pathsThrough pairsThrough targetsLost extraHops laterArrivalDays leadersLost { id name } sentence
      }
    }`,
    { channel: query.channel, to: query.to ?? null, window: query.window ?? null, mode: query.mode, maxHops: query.maxHops ?? 6 },
    signal,
  );
  return data.brokers;
}

/** Which leaders a channel reached on each side, how fast, through whom, and where it stopped. */
export async function channelReach(query: { channel: string; window?: { from?: string; to?: string } | null; mode: PathMode; maxHops?: number }, signal?: AbortSignal): Promise<ChannelReach> {
  const data = await gql<{ channelReach: ChannelReach }>(
    `query ChannelReach($channel: ID!, $window: WindowInput, $mode: PathMode, $maxHops: Int) {
      channelReach(channel: $channel, window: $window, mode: $mode, maxHops: $maxHops) {
        channel { id name when { ${INTERVAL} } }
        participants { ${PERSON_BRIEF} }
        sides { side governments { government { ${GOVERNMENT_BRIEF} } hops arrival bestPath { ${PATH} }
          leaders { leader { ${PERSON_BRIEF} } by { id name } hops arrival } } }
        unreached { id name }
        stopped { side government { ${GOVERNMENT_BRIEF} } stopReason explanation
          closest { node { ${NODE_BRIEF} } hops arrival brokenLink { ${LINK} from { ${NODE_BRIEF} } to { ${NODE_BRIEF} } } } }
      }
    }`,
    { channel: query.channel, window: query.window ?? null, mode: query.mode, maxHops: query.maxHops ?? 6 },
    signal,
  );
  return data.channelReach;
}

export async function node(id: string): Promise<NodeDetails | null> {
  const data = await gql<{ node: NodeDetails | null }>(
    `query NodeDetails($id: ID!) {
      node(id: $id) {
        ${NODE_BRIEF}
        aliases description
        citations { ${CITATION} }
        disputes { field value note citations { ${CITATION} } }
        ... on Person { born { ${INTERVAL} } died { ${INTERVAL} } officeLinks: offices { ${LINK} } roles { ${LINK} }
          sessionsAttended(limit: 100) { id name when { ${INTERVAL} } place channel { id name } } }
        ... on Institution { institutionKind links { ${LINK} } }
        ... on Government { polity officeLinks: offices { ${LINK} } }
        ... on Channel { channelKind approach level aim venues outcome tracks { track when { ${INTERVAL} } }
          sessions { id name when { ${INTERVAL} } place } roles { ${LINK} } }
        ... on Session { place confidence channel { id name } attendees { id name } }
        ... on Document { documentKind links { ${LINK} } }
        ... on Source { title author outlet date url }
      }
    }`,
    { id },
  );
  return data.node;
}

/** Names for ids (restoring a permalink); unknown ids come back as null. */
export async function names(ids: string[]): Promise<Map<string, { id: string; name: string } | null>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const fields = unique.map((_, i) => `n${i}: node(id: $id${i}) { id name }`).join(' ');
  const vars = unique.map((_, i) => `$id${i}: ID!`).join(', ');
  const data = await gql<Record<string, { id: string; name: string } | null>>(
    `query Names(${vars}) { ${fields} }`,
    Object.fromEntries(unique.map((id, i) => [`id${i}`, id])),
    undefined,
    {},
    true,
  );
  return new Map(unique.map((id, i) => [id, data[`n${i}`] ?? null]));
}

export async function whoMetWhom(a: string, b: string, window: { from?: string; to?: string } | null, k = 5): Promise<MeetingResult> {
  const data = await gql<{ whoMetWhom: MeetingResult }>(
    `query WhoMetWhom($a: ID!, $b: ID!, $window: WindowInput, $k: Int) {
      whoMetWhom(a: $a, b: $b, window: $window, k: $k) {
        explanation
        chains {
          people { __typename id kind name side anonymous }
          hops { kind from { id name } to { id name } when { ${INTERVAL} } place
            session { id name } channel { id name } citations { ${CITATION} } }
        }
      }
    }`,
    { a, b, window, k },
  );
  return data.whoMetWhom;
}

const SOURCE = `id name ... on Source { title author outlet date url }`;
const STORY = `id title audience summary origin stepCount citationCount savedBy savedAt version
  layout { name direction }
  bibliography { ${SOURCE} }
  steps { number heading caption when { ${INTERVAL} } nodeIds linkIds layout { fit padding }
    nodes { ${NODE_BRIEF} } links { ${LINK} } citations { ${CITATION} } }`;

/** Every story, without its steps (for the Stories tab). */
export async function stories(): Promise<StorySummary[]> {
  const data = await gql<{ stories: StorySummary[] }>(`query Stories { stories { id title audience summary origin stepCount citationCount savedBy } }`, {});
  return data.stories;
}

/** One story with its steps, the nodes and links they focus, and its bibliography; null when there is none. */
export async function story(id: string): Promise<StoryData | null> {
  const data = await gql<{ story: StoryData | null }>(`query Story($id: ID!) { story(id: $id) { ${STORY} } }`, { id });
  return data.story;
}

/** Saves a story on the server; needs an editor token (bc_…); `basedOn` is the version it overwrites, if any. */
export async function saveStory(file: StoryFile, token: string, basedOn?: number | null): Promise<StoryData> {
  const data = await gql<{ saveStory: StoryData }>(
    `mutation SaveStory($story: StoryInput!, $basedOn: Int) { saveStory(story: $story, basedOn: $basedOn) { ${STORY} } }`,
    { story: file, basedOn: basedOn ?? null },
    undefined,
    { authorization: `Bearer ${token.trim()}` },
  );
  return data.saveStory;
}

/** The whole dataset (nodeIds null) or the part around some nodes, as files to download. */
export async function datasetExport(format: ExportFormat, nodeIds: string[] | null): Promise<DatasetExport> {
  const data = await gql<{ datasetExport: DatasetExport }>(
    `query DatasetExport($format: ExportFormat!, $nodeIds: [ID!]) {
      datasetExport(format: $format, nodeIds: $nodeIds) { format datasetVersion sequence files { name mediaType text } }
    }`,
    { format, nodeIds },
  );
  return data.datasetExport;
}

/** What changed from a dataset version (sequence number or content hash) to the current one. */
export async function datasetChanges(from: string): Promise<DatasetDiff> {
  const data = await gql<{ datasetChanges: DatasetDiff }>(
    `query DatasetChanges($from: String!) {
      datasetChanges(from: $from) { complete from { sequence version at } to { sequence version at } changes { target id op before after } }
    }`,
    { from },
  );
  return data.datasetChanges;
}

/** GraphiQL's fetcher: one operation posted as is, the server's answer (errors included) handed back untouched. */
export async function graphiqlFetcher(params: { query: string; variables?: unknown; operationName?: string | null }): Promise<unknown> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return response.json();
}

/** The saved example operations GraphiQL opens as tabs (api/examples.ts, served at /graphiql/examples.json). */
export async function graphiqlExamples(): Promise<{ title: string; query: string; variables?: Record<string, unknown> }[]> {
  const response = await fetch('/graphiql/examples.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new ApiError(`The saved examples could not be loaded (HTTP ${response.status}).`, 'NETWORK');
  return response.json();
}
