// Resolvers for api/stories.graphql: stories are :Story nodes (seed/stories loaded by the seeder, or saved here).
// Saving checks the story with the seed validator against the live dataset and needs an editor token.
import type { IResolvers } from 'mercurius';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorOf, principalOf, requireRole } from './auth.ts';
import { AppError, badInput, conflict, limitExceeded } from '../store/errors.ts';
import { checkInt } from './arguments.ts';
import { decodeJsonList, decodeJsonObject } from '../store/records.ts';
import type { MutationSaveStoryArgs, QueryStoriesArgs, QueryStoryArgs, StoryRevisionsArgs } from './schema-types.ts';
import { interval, type CitationValue, type StoredNode } from './entities.ts';
import type { Context } from './resolvers.ts';
import {
  formatStoryProblem, STORY_LIMITS, storyProperties, storySources, validateStory,
  type StepLayout, type Story, type StoryIndex, type StoryLayout, type StoryStep,
} from '../core/stories.ts';

export const STORIES_SCHEMA = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'stories.graphql'), 'utf8');

interface StoredStory { id: string; title: string; audience: string; summary?: string; origin: string; layoutJson?: string; stepsJson?: string; stepCount?: number; citationCount?: number; savedBy?: string; savedAt?: string; datasetVersion?: string; author?: string; authorToken?: string; version?: number }
type StepValue = StoryStep & { number: number };


function parseLayout(text: string | undefined): StoryLayout | null {
  return decodeJsonObject<StoryLayout>(text) ?? null;
}

const stepsOf = (s: StoredStory): StepValue[] => decodeJsonList<StoryStep>(s.stepsJson).map((step, i) => ({ ...step, number: i + 1 }));

/** The live dataset's ids, names and link ids: what a saved story may name. */
async function liveIndex(ctx: Context): Promise<StoryIndex> {
  const row = (await ctx.db.read('story-references'))[0];
  const nodes = (row?.nodes ?? []) as { id: string; kind: string; name: string; aliases: string[] }[];
  return {
    nodes: new Map(nodes.map((n) => [n.id, { kind: n.kind, name: n.name, aliases: n.aliases ?? [] }])),
    links: new Set((row?.links ?? []) as string[]),
  };
}

/** GraphQL input → the story file format (nulls dropped), so that the seed validator sees what a file would hold. */
function storyValue(input: Record<string, unknown>): Record<string, unknown> {
  const drop = (obj: Record<string, unknown>) => Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
  const steps = (input.steps as Record<string, unknown>[]).map((s) => drop({
    ...s,
    focus: drop((s.focus ?? {}) as Record<string, unknown>),
    layout: s.layout ? drop(s.layout as Record<string, unknown>) : null,
    citations: (s.citations as Record<string, unknown>[]).map(drop),
  }));
  return drop({ ...input, layout: input.layout ? drop(input.layout as Record<string, unknown>) : null, steps });
}

export const storyResolvers = {
  Query: {
    stories: async (_: unknown, args: QueryStoriesArgs, ctx: Context) =>
      (await ctx.db.read('stories')).slice(0, checkInt(args.limit, 'limit', 1, 1000)).map((r) => r.story),
    story: async (_: unknown, args: QueryStoryArgs, ctx: Context) => {
      if (typeof args.id !== 'string' || args.id.length > 120) throw badInput('story ids look like story/oslo', { argument: 'id' });
      return (await ctx.db.read('story-by-id', { id: args.id }))[0]?.story ?? null;
    },
  },
  Mutation: {
    saveStory: async (_: unknown, args: MutationSaveStoryArgs, ctx: Context) => {
      const who = requireRole(await principalOf(ctx), 'editor', 'Saving a story');
      const steps = args.story.steps as unknown[];
      if (steps.length > STORY_LIMITS.steps) throw limitExceeded('steps', STORY_LIMITS.steps, `a story may have at most ${STORY_LIMITS.steps} steps`);
      const { story, problems } = validateStory('(request)', storyValue(args.story), await liveIndex(ctx));
      if (!story) {
        const shown = problems.slice(0, 20).map(formatStoryProblem).join('; ');
        throw badInput(`The story is not valid, nothing was saved: ${shown}${problems.length > 20 ? ` (and ${problems.length - 20} more)` : ''}`, {
          problems: problems.map((p) => ({ where: p.where, message: p.message })),
        });
      }
      const { id, ...props } = storyProperties(story as Story);
      const existing = (await ctx.db.read('story-by-id', { id }))[0]?.story as unknown as StoredStory | undefined;
      if (existing && existing.origin !== 'saved') throw badInput(`'${String(id)}' is a curated story (seed/stories); save the lesson under another id`, { argument: 'story.id' });
      // A lesson belongs to whoever saved it first; overwriting someone else's needs an admin.
      if (existing?.authorToken && existing.authorToken !== who.tokenId && who.role !== 'admin') {
        throw new AppError('FORBIDDEN', `${String(id)} was written by ${existing.author}; only its author or an admin may overwrite it. Save your version under another id.`);
      }
      const current = existing ? existing.version ?? 1 : null;
      const stale = () => conflict(`${String(id)} is at version ${current} (saved by ${existing?.savedBy} at ${existing?.savedAt}), not the version ${args.basedOn} you read; nothing was saved. Load it again and save with basedOn: ${current}.`, { version: current });
      if (existing && (args.basedOn === null || args.basedOn === undefined)) {
        throw conflict(`${String(id)} exists already at version ${current} (saved by ${existing.savedBy} at ${existing.savedAt}); nothing was saved. To overwrite it, load it and save with basedOn: ${current}; or choose another id.`, { version: current });
      }
      if (existing && args.basedOn !== current) throw stale();
      const version = (await ctx.db.read('dataset-meta'))[0]?.version ?? null;
      const savedAt = new Date().toISOString();
      const rows = await ctx.db.write('story-save', {
        id, expected: current, author: actorOf(who), authorToken: who.tokenId, storyJson: JSON.stringify(storyValue(args.story)),
        props: { ...props, summary: story.summary ?? null, layoutJson: story.layout ? JSON.stringify(story.layout) : null, savedAt, savedBy: actorOf(who), datasetVersion: version },
      });
      // No row: someone saved it between the read above and this write.
      if (!rows[0]) throw conflict(`${String(id)} was saved by someone else a moment ago; nothing was saved. Load it again and save with its new version as basedOn.`);
      return rows[0].story;
    },
  },
  Story: {
    origin: (s: StoredStory) => (s.origin === 'seed' ? 'SEED' : 'SAVED'),
    version: (s: StoredStory) => (s.origin === 'seed' ? null : s.version ?? 1),
    revisions: async (s: StoredStory, args: StoryRevisionsArgs, ctx: Context) => {
      if (s.origin === 'seed') return [];
      return ctx.db.read('story-revisions', { id: s.id, limit: checkInt(args.limit, 'limit', 1, 200) });
    },
    layout: (s: StoredStory) => parseLayout(s.layoutJson),
    steps: (s: StoredStory) => stepsOf(s),
    stepCount: (s: StoredStory) => s.stepCount ?? stepsOf(s).length,
    citationCount: (s: StoredStory) => s.citationCount ?? stepsOf(s).reduce((n, step) => n + step.citations.length, 0),
    bibliography: async (s: StoredStory, _: unknown, ctx: Context) =>
      (await ctx.loaders.node.loadMany(storySources({ steps: stepsOf(s) }))).filter((n): n is StoredNode => Boolean(n)),
  },
  StoryStep: {
    when: (s: StepValue) => interval(s.when),
    nodeIds: (s: StepValue) => s.focus.nodes,
    linkIds: (s: StepValue) => s.focus.links,
    nodes: async (s: StepValue, _: unknown, ctx: Context) => (await ctx.loaders.node.loadMany(s.focus.nodes)).filter(Boolean),
    links: async (s: StepValue, _: unknown, ctx: Context) => (await ctx.loaders.link.loadMany(s.focus.links)).filter(Boolean),
    layout: (s: StepValue): StepLayout | null => s.layout ?? null,
    citations: (s: StepValue): CitationValue[] => s.citations,
  },
};

/** The API's resolvers with story mode merged in (Query and Mutation fields added, the story types). */
export function withStories(base: IResolvers): IResolvers {
  const baseQuery = (base.Query ?? {}) as Record<string, unknown>;
  const baseMutation = (base.Mutation ?? {}) as Record<string, unknown>;
  return {
    ...base, ...storyResolvers,
    Query: { ...baseQuery, ...storyResolvers.Query },
    Mutation: { ...baseMutation, ...storyResolvers.Mutation },
  } as IResolvers;
}
