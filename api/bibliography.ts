// The bibliography query: the sources a path's links, a story, some nodes or the whole dataset cite, as a file for a
// reference manager (CSL-JSON, BibTeX, RIS). The writers are formats/bibliography.ts.
import {
  BIBLIOGRAPHY_FORMATS, bibSource, datasetBibliography, entriesFromCitations, writeBibliography,
  type BibEntry, type BibliographyFormat,
} from '../formats/bibliography.ts';
import { badInput, limitExceeded, notFound } from '../store/errors.ts';
import type { CitationValue, StoredNode } from './entities.ts';
import { decodeJsonList } from '../store/records.ts';
import { bibliographyHeader, readExportData, UnknownNodesError } from './export.ts';
import type { Context } from './resolvers.ts';
import type { BibliographyOf, QueryBibliographyArgs } from './schema-types.ts';

export const BIBLIOGRAPHY_LIMITS = Object.freeze({ ids: 5000 });


/** Sources by id through the request's node loader; a missing or non-source id gives null. */
async function sourcesById(ctx: Context, citations: CitationValue[]) {
  const ids = [...new Set(citations.map((c) => c.source))];
  const nodes = await ctx.loaders.node.loadMany(ids);
  const byId = new Map(nodes.filter((n): n is StoredNode => n !== null && n.kind === 'Source').map((n) => [n.id, bibSource(n)]));
  return (id: string) => byId.get(id);
}

async function entriesOf(of: BibliographyOf, ctx: Context): Promise<{ entries: BibEntry[]; what: string }> {
  const tooMany = (arg: string, n: number) => {
    if (n > BIBLIOGRAPHY_LIMITS.ids) throw limitExceeded(arg, BIBLIOGRAPHY_LIMITS.ids, `a bibliography may name at most ${BIBLIOGRAPHY_LIMITS.ids} ids; use of: { dataset: true } for everything`);
  };
  if (of.links) {
    tooMany('of.links', of.links.length);
    const links = await ctx.loaders.link.loadMany(of.links);
    const missing = of.links.filter((_, i) => links[i] === null);
    if (missing.length > 0) throw notFound(`No live link with id ${missing.slice(0, 5).map((i) => `'${i}'`).join(', ')}. Use the ids of Path.hops { link { id } }.`);
    const citations = links.flatMap((l) => decodeJsonList<CitationValue>(l!.citationsJson));
    return { entries: entriesFromCitations(citations, await sourcesById(ctx, citations)), what: `${of.links.length} link(s)` };
  }
  if (of.story) {
    if (of.story.length > 120) throw badInput('story ids look like story/oslo', { argument: 'of.story' });
    const story = (await ctx.db.read('story-by-id', { id: of.story }))[0]?.story as { title?: string; stepsJson?: string } | undefined;
    if (!story) throw notFound(`No story with id '${of.story}'. The stories query lists them.`);
    const citations = decodeJsonList<{ citations: CitationValue[] }>(story.stepsJson).flatMap((s) => s.citations ?? []);
    return { entries: entriesFromCitations(citations, await sourcesById(ctx, citations)), what: `the story "${story.title ?? of.story}"` };
  }
  const nodeIds = of.nodes ?? null;
  if (nodeIds) tooMany('of.nodes', nodeIds.length);
  if (!nodeIds && of.dataset !== true) throw badInput('give one of: links (a path), story, nodes, or dataset: true', { argument: 'of' });
  const session = ctx.db.driver.session({ database: ctx.db.database });
  try {
    const data = await session.executeRead((tx) => readExportData(tx, nodeIds));
    return { entries: datasetBibliography(data.dataset), what: nodeIds ? `${nodeIds.length} node(s) and what they cite` : 'the dataset' };
  } catch (err) {
    if (err instanceof UnknownNodesError) throw notFound(`${err.message}. Use search(text: …) to find the right ids.`);
    throw err;
  } finally {
    await session.close();
  }
}

export async function bibliography(_: unknown, args: QueryBibliographyArgs, ctx: Context) {
  const format = args.format.toLowerCase() as BibliographyFormat;
  if (!(BIBLIOGRAPHY_FORMATS as readonly string[]).includes(format)) throw badInput(`unknown format ${args.format}`, { argument: 'format' });
  const { entries, what } = await entriesOf(args.of, ctx);
  const meta = (await ctx.db.read('dataset-meta'))[0] as { version?: string; sequence?: number } | undefined;
  const version = meta?.version ?? null;
  const sequence = meta?.sequence === undefined || meta.sequence === null ? null : Number(meta.sequence);
  const header = bibliographyHeader({ datasetVersion: version, sequence, exportedAt: new Date().toISOString() }, entries.length, what);
  const file = writeBibliography(format, entries, { stem: `backchannel-${(version ?? 'bibliography').slice(0, 12)}-bibliography`, header });
  return { format: args.format, datasetVersion: version, sequence, sourceCount: entries.length, file };
}
