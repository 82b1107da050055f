// GraphQL resolvers: each one validates its arguments, then delegates to a query file or the path service.
import { DateScalar } from './date-scalar.ts';
import type { IResolvers, MercuriusContext } from 'mercurius';
import { LINK_TYPES, type LinkType } from '../core/model.ts';
import { badInput, limitExceeded, notFound } from '../store/errors.ts';
import { foldName, luceneQuery, rankSearchHits, relevantTo } from '../core/search-text.ts';
import {
  ENUM_KIND, KIND_ENUM, interval, linkFamily, settled,
  type CitationValue, type StoredLink, type StoredNode,
} from './entities.ts';
import { decodeJsonList } from '../store/records.ts';
import { typedKey, type Loaders } from './loaders.ts';
import { LIMITS, checkId, checkInt, checkLinkTypes, parseWindow, requireNode } from './arguments.ts';
import type { Db } from '../store/neo4j.ts';
import { neighbourhood } from '../engine/neighbourhood.ts';
import type { Analyses } from './analyses.ts';
import { linkSentence } from './answers.ts';
import type { Snapshots } from '../store/snapshot.ts';
import type {
  GovernmentOfficesArgs, PersonLinksArgs, PersonSessionsAttendedArgs, QueryBrokersArgs, QueryChannelReachArgs, QueryInfluencePathsArgs, QueryLinkArgs,
  QueryNeighbourhoodArgs, QueryNodeArgs, QuerySearchArgs, QueryWhoMetWhomArgs,
} from './schema-types.ts';

declare module 'mercurius' {
  interface MercuriusContext {
    db: Db;
    loaders: Loaders;
    snapshots: Snapshots;
    analyses: Analyses;
  }
}
export type Context = MercuriusContext;


type DisputeValue = { field: string; value: string; note?: string; citations: CitationValue[] };
// Parsed once per node or link object: the entity cache hands the same objects to every request of a dataset version.
const parsedCitations = new WeakMap<object, CitationValue[]>();
const parsedDisputes = new WeakMap<object, DisputeValue[]>();
const citations = (obj: { citationsJson?: string }) => {
  let list = parsedCitations.get(obj);
  if (!list) parsedCitations.set(obj, (list = decodeJsonList<CitationValue>(obj.citationsJson)));
  return list;
};
const disputes = (obj: { disputesJson?: string }) => {
  let list = parsedDisputes.get(obj);
  if (!list) parsedDisputes.set(obj, (list = decodeJsonList<DisputeValue>(obj.disputesJson)));
  return list;
};

const nodeFields = {
  kind: (n: StoredNode) => KIND_ENUM[n.kind],
  aliases: (n: StoredNode) => n.aliases ?? [],
  citations: (n: StoredNode) => citations(n),
  disputes: (n: StoredNode) => disputes(n),
  links: async (n: StoredNode, args: PersonLinksArgs, ctx: Context) => {
    const types = checkLinkTypes(args.types);
    if (types && types.length === 0) return [];
    // In time order (then by id), however they were read: from Neo4j or through the engine's snapshot.
    return sortByTime(await (types ? ctx.loaders.typedLinksOf.load(typedKey(types, n.id)) : ctx.loaders.linksOf.load(n.id)));
  },
};

const linksOfType = (types: LinkType[]) => async (n: StoredNode, _: unknown, ctx: Context) =>
  ctx.loaders.typedLinksOf.load(typedKey(types, n.id));

const ROLE_TYPES: LinkType[] = ['PARTICIPATED_IN', 'MENTORED', 'INITIATED', 'SPONSORED', 'FACILITATED', 'HOSTED'];

function sortByTime(links: StoredLink[]): StoredLink[] {
  return [...links].sort((a, b) => (a.fromDay ?? -1e9) - (b.fromDay ?? -1e9) || a.id.localeCompare(b.id));
}

/** A node now if this request already holds it (no promise for graphql-js to wait on), else its pending read. */
function nodeNow(ctx: Context, id: string): StoredNode | null | Promise<StoredNode | null> {
  const known = ctx.loaders.node.peek(id);
  return known !== undefined ? known : ctx.loaders.node.load(id);
}

const sentenceOf = (l: StoredLink, from: StoredNode | null, to: StoredNode | null) => linkSentence(l, from?.name ?? l.from, to?.name ?? l.to);

export const resolvers: IResolvers = {
  Date: DateScalar,
  Query: {
    dataset: async (_: unknown, __: unknown, ctx: Context) => ctx.snapshots.datasetInfo(),
    node: async (_: unknown, { id }: QueryNodeArgs, ctx: Context) => requireNode(ctx.loaders, id),
    link: async (_: unknown, { id }: QueryLinkArgs, ctx: Context) => {
      if (typeof id !== 'string' || id.length > 400) throw badInput('link ids look like BRIEFED:person/a>person/b@1993-02 or link/some-slug', { argument: 'id' });
      const link = await ctx.loaders.link.load(id);
      if (!link) throw notFound(`No link with id '${id.slice(0, 120)}'.`);
      return link;
    },
    search: async (_: unknown, args: QuerySearchArgs, ctx: Context) => {
      if (args.text.length > LIMITS.textLength) throw limitExceeded('text', LIMITS.textLength, `search text may be at most ${LIMITS.textLength} characters`);
      const limit = checkInt(args.limit, 'limit', 1, LIMITS.searchLimit);
      const query = luceneQuery(args.text);
      if (!query) return [];
      const kinds = args.kinds?.map((k) => ENUM_KIND[k]) ?? null;
      // Candidates beyond the limit leave room for ties in score (ordered by name) and for the kind filter; when the
      // filter leaves too few, Lucene may have more of that kind further down, so ask again without a cap.
      // More rows than the limit, so that an exact alias scored below fuzzy hits can still be moved up (rankSearchHits).
      const wide = limit * 3 + 20;
      let rows = await ctx.db.read('search-names', { query, kinds, limit: wide, candidates: kinds ? limit * 20 : wide });
      if (kinds && rows.length < limit) rows = await ctx.db.read('search-names', { query, kinds, limit: wide, candidates: 2_147_483_647 });
      const folded = foldName(args.text);
      const hits = rows.map((r) => {
        const node = r.node as unknown as StoredNode;
        return { row: r, kind: node.kind as string, names: [node.name, ...(node.aliases ?? [])] };
      }).filter((h) => relevantTo(args.text, h.names));
      const ranked = rankSearchHits(args.text, hits).slice(0, limit).map((x) => x.row);
      return ranked.map((r) => {
        const node = r.node as unknown as StoredNode;
        ctx.loaders.node.prime(node.id, node);
        const names = [node.name, ...(node.aliases ?? [])];
        const matched = names.find((n) => foldName(n) === folded)
          ?? names.find((n) => foldName(n).includes(folded) || folded.includes(foldName(n)))
          ?? names.find((n) => folded.split(' ').some((w) => foldName(n).split(' ').some((x) => x.startsWith(w.slice(0, 3)))))
          ?? node.name;
        return { node, score: r.score as number, matched };
      });
    },
    channels: async (_: unknown, __: unknown, ctx: Context) => (await ctx.db.read('channels')).map((r) => r.node),
    governments: async (_: unknown, __: unknown, ctx: Context) => (await ctx.db.read('governments')).map((r) => r.node),
    neighbourhood: async (_: unknown, args: QueryNeighbourhoodArgs, ctx: Context) => {
      const depth = checkInt(args.depth, 'depth', 1, LIMITS.depth);
      const limit = checkInt(args.limit, 'limit', 1, LIMITS.neighbourhoodLimit);
      const types = checkLinkTypes(args.linkTypes);
      const window = parseWindow(args.window);
      const start = await requireNode(ctx.loaders, args.id);
      // Found on the engine's snapshot (a breadth-first search), then read like any other link.
      const snap = await ctx.snapshots.current();
      const found = neighbourhood(snap.graph, start.id, { depth, linkTypes: types, window, limit });
      if (!found) return { nodes: [start], links: [], truncated: false };
      // The snapshot already names every link's ends, so nodes and links are read at the same time.
      const ids = new Set<string>([start.id]);
      for (const i of found.links) { ids.add(snap.graph.links[i].from); ids.add(snap.graph.links[i].to); }
      const [links, nodes] = await Promise.all([
        ctx.loaders.link.loadMany(found.links.map((i) => snap.graph.links[i].id)),
        ctx.loaders.node.loadMany([...ids]),
      ]);
      const read = links.filter((l): l is StoredLink => l !== null);
      // Only the ends of links that were read (one changed since the snapshot is left out with its ends).
      const ends = new Set<string>([start.id]);
      for (const l of read) { ends.add(l.from); ends.add(l.to); }
      return { nodes: nodes.filter((n) => n !== null && ends.has(n.id)), links: read, truncated: found.truncated };
    },
    influencePaths: async (_: unknown, args: QueryInfluencePathsArgs, ctx: Context) => settled(await ctx.analyses.influencePaths(ctx.loaders, args)),
    whoMetWhom: async (_: unknown, args: QueryWhoMetWhomArgs, ctx: Context) => settled(await ctx.analyses.whoMetWhom(ctx.loaders, args)),
    channelReach: async (_: unknown, args: QueryChannelReachArgs, ctx: Context) => settled(await ctx.analyses.channelReach(ctx.loaders, args)),
    brokers: async (_: unknown, args: QueryBrokersArgs, ctx: Context) => settled(await ctx.analyses.brokers(ctx.loaders, args)),
  },
  Dataset: {
    limits: () => LIMITS,
  },
  ChannelReach: {
    stopped: (r: { stopped: () => unknown[] }) => settled(r.stopped()),
  },
  Node: {
    resolveType: (n: StoredNode) => n.kind,
  },
  Person: {
    ...nodeFields,
    born: (n: StoredNode) => interval(n.born),
    died: (n: StoredNode) => interval(n.died),
    anonymous: (n: StoredNode) => n.anonymous === true,
    offices: async (n: StoredNode, a: unknown, ctx: Context) => sortByTime(await linksOfType(['HELD_OFFICE'])(n, a, ctx)),
    roles: async (n: StoredNode, a: unknown, ctx: Context) => sortByTime(await linksOfType(ROLE_TYPES)(n, a, ctx)),
    // Read like Session.attendees (the same ATTENDED links, from the other end), so both sides always agree.
    sessionsAttended: async (n: StoredNode, args: PersonSessionsAttendedArgs, ctx: Context) => {
      const limit = checkInt(args.limit, 'limit', 1, LIMITS.sessionsLimit);
      const links = await ctx.loaders.typedLinksOf.load(typedKey(['ATTENDED'], n.id));
      const sessions = (await ctx.loaders.node.loadMany(links.filter((l) => l.from === n.id).map((l) => l.to))).filter((s): s is StoredNode => s !== null);
      const day = (s: StoredNode) => (typeof s.fromDay === 'number' ? s.fromDay : Infinity);
      return sessions.sort((a, b) => day(a) - day(b) || a.id.localeCompare(b.id)).slice(0, limit);
    },
  },
  Institution: { ...nodeFields },
  Government: {
    ...nodeFields,
    offices: async (n: StoredNode, args: GovernmentOfficesArgs, ctx: Context) => {
      const offices = sortByTime(await linksOfType(['HELD_OFFICE'])(n, args, ctx));
      if (!args.at) return offices;
      const w = parseWindow({ from: args.at, to: args.at });
      if (!w) return offices;
      return offices.filter((l) => (l.fromDay ?? -Infinity) <= w.to && (l.toDay ?? Infinity) >= w.from);
    },
  },
  Channel: {
    ...nodeFields,
    when: (n: StoredNode) => interval(n.when),
    tracks: (n: StoredNode) => decodeJsonList<{ track: string; when?: string }>(n.tracksJson).map((t) => ({ track: t.track, when: interval(t.when) })),
    venues: (n: StoredNode) => (n.venues as string[] | undefined) ?? [],
    sessions: async (n: StoredNode, _: unknown, ctx: Context) => {
      const links = await ctx.loaders.typedLinksOf.load(typedKey(['SESSION_OF'], n.id));
      const sessions = (await ctx.loaders.node.loadMany(links.map((l) => l.from))).filter(Boolean) as StoredNode[];
      return sessions.sort((a, b) => ((a.fromDay as number) ?? 0) - ((b.fromDay as number) ?? 0));
    },
    roles: async (n: StoredNode, a: unknown, ctx: Context) => sortByTime(await linksOfType(ROLE_TYPES)(n, a, ctx)),
  },
  Session: {
    ...nodeFields,
    when: (n: StoredNode) => interval(n.when),
    confidence: (n: StoredNode) => (typeof n.confidence === 'string' ? n.confidence.toUpperCase() : null),
    channel: (n: StoredNode, _: unknown, ctx: Context) => (typeof n.channel === 'string' ? ctx.loaders.node.load(n.channel) : null),
    attendees: async (n: StoredNode, _: unknown, ctx: Context) => {
      const links = await ctx.loaders.typedLinksOf.load(typedKey(['ATTENDED'], n.id));
      return (await ctx.loaders.node.loadMany(links.map((l) => l.from))).filter(Boolean);
    },
  },
  Document: { ...nodeFields, when: (n: StoredNode) => interval(n.when) },
  Source: {
    ...nodeFields,
    title: (n: StoredNode) => n.name,
  },
  Citation: {
    source: (c: CitationValue, _: unknown, ctx: Context) => {
      const orBare = (source: StoredNode | null) => source ?? { id: c.source, kind: 'Source', name: c.source };
      const source = nodeNow(ctx, c.source);
      return source instanceof Promise ? source.then(orBare) : orBare(source);
    },
  },
  Link: {
    type: (l: StoredLink) => l.type,
    family: (l: StoredLink) => linkFamily(l.type),
    from: (l: StoredLink, _: unknown, ctx: Context) => nodeNow(ctx, l.from),
    to: (l: StoredLink, _: unknown, ctx: Context) => nodeNow(ctx, l.to),
    when: (l: StoredLink) => interval(l.when),
    confidence: (l: StoredLink) => l.confidence.toUpperCase(),
    outcome: (l: StoredLink) => l.outcome?.toUpperCase() ?? null,
    citations: (l: StoredLink) => citations(l),
    disputes: (l: StoredLink) => disputes(l),
    sentence: (l: StoredLink, _: unknown, ctx: Context) => {
      const from = nodeNow(ctx, l.from);
      const to = nodeNow(ctx, l.to);
      if (from instanceof Promise || to instanceof Promise) return Promise.all([from, to]).then(([a, b]) => sentenceOf(l, a, b));
      return sentenceOf(l, from, to);
    },
  },
};

export { LINK_TYPES };
