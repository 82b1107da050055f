// Resolvers for api/stories.graphql: stories are :Story nodes (seed/stories loaded by the seeder, or saved here).
// Saving checks the story with the seed validator against the live dataset and needs an editor token.
import type { IResolvers } from 'mercurius';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actorOf, principalOf, requireRole } from './auth.ts';
import { badInput, limitExceeded } from '../store/errors.ts';
import { interval, parseJsonList, type CitationValue, type StoredNode } from './entities.ts';
import type { Context } from './resolvers.ts';
import {
  formatStoryProblem, STORY_LIMITS, storyProperties, storySources, validateStory,
  type StepLayout, type Story, type StoryIndex, type StoryLayout, type StoryStep,
} from '../core/stories.ts';

export const STORIES_SCHEMA = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'stories.graphql'), 'utf8');

interface StoredStory { id: string; title: string; audience: string; summary?: string; origin: string; layoutJson?: string; stepsJson?: string; stepCount?: number; citationCount?: number; savedBy?: string; savedAt?: string; datasetVersion?: string }
type StepValue = StoryStep & { number: number };


function parseLayout(text: string | undefined): StoryLayout | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as StoryLayout;
  } catch {
    return null;
  }
}

const stepsOf = (s: StoredStory): StepValue[] => parseJsonList<StoryStep>(s.stepsJson).map((step, i) => ({ ...step, number: i + 1 }));

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
    stories: async (_: unknown, __: unknown, ctx: Context) => (await ctx.db.read('stories')).map((r) => r.story),
    story: async (_: unknown, args: { id: string }, ctx: Context) => {
      if (typeof args.id !== 'string' || args.id.length > 120) throw badInput('story ids look like story/oslo', { argument: 'id' });
      return (await ctx.db.read('story-by-id', { id: args.id }))[0]?.story ?? null;
    },
  },
  Mutation: {
    saveStory: async (_: unknown, args: { story: Record<string, unknown> }, ctx: Context) => {
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
      const version = (await ctx.db.read('dataset-meta'))[0]?.version ?? null;
      const { id, ...props } = storyProperties(story as Story);
      const rows = await ctx.db.write('story-save', {
        id, props: { ...props, summary: story.summary ?? null, layoutJson: story.layout ? JSON.stringify(story.layout) : null, savedAt: new Date().toISOString(), savedBy: actorOf(who), datasetVersion: version },
      });
      if (!rows[0]) throw badInput(`'${String(id)}' is a curated story (seed/stories); save the lesson under another id`, { argument: 'story.id' });
      return rows[0].story;
    },
  },
  Story: {
    origin: (s: StoredStory) => (s.origin === 'seed' ? 'SEED' : 'SAVED'),
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
