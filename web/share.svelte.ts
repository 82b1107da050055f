// The permalink: reads the whole view from the state classes, and restores it from a URL hash.
import { analyses } from './analyses.svelte.ts';
import * as api from './api.ts';
import { details } from './details.svelte.ts';
import { explorer } from './explorer.svelte.ts';
import { meetings } from './meetings.svelte.ts';
import { decodeView, encodeView, type View } from './permalink.ts';
import { timeline } from './timeline.svelte.ts';
import { tracer } from './tracer.svelte.ts';
import { ui } from './ui.svelte.ts';

const NODE_ID = /^(person|institution|government|channel|session|document|source)\/[a-z0-9-]+$/;

export class ShareState {
  /** False until a permalink has been restored: the URL is left alone meanwhile. */
  restored = $state(false);

  view(): View {
    return {
      version: ui.datasetVersion,
      tab: ui.tab,
      focus: explorer.focus,
      selected: details.selectedId,
      from: tracer.from?.id ?? null,
      to: tracer.anyDecisionMaker ? null : (tracer.to?.id ?? null),
      windowFrom: tracer.windowFrom,
      windowTo: tracer.windowTo,
      time: tracer.time,
      mode: tracer.mode,
      linkTypes: tracer.linkTypes,
      k: tracer.k,
      maxHops: tracer.maxHops,
      exclude: tracer.exclude.map((e) => e.id),
      path: tracer.result ? tracer.selected : null,
      compare: tracer.result ? tracer.compare : null,
      at: timeline.param,
      meetA: meetings.a?.id ?? null,
      meetB: meetings.b?.id ?? null,
      hiddenTypes: [...explorer.hiddenTypes],
      scene: explorer.scene,
      meetFrom: meetings.windowFrom,
      meetTo: meetings.windowTo,
      analysis: analyses.view,
      channel: analyses.channel?.id ?? null,
      channelTarget: analyses.target?.id ?? null,
      channelFrom: analyses.windowFrom,
      channelTo: analyses.windowTo,
      channelMode: analyses.mode,
      other: analyses.other?.id ?? null,
      otherFrom: analyses.otherFrom,
      otherTo: analyses.otherTo,
      analysisSelected: analyses.shown ? analyses.selected : null,
    };
  }

  /** The hash for the current view (read reactively by App to keep the URL in step). */
  hash = $derived(encodeView(this.view()));

  /** Restores a view from a hash; runs the trace and the neighbourhood it names. */
  async restore(hash: string): Promise<void> {
    const view = decodeView(hash);
    try {
      const dataset = await api.dataset().catch((error) => {
        ui.error = error instanceof Error ? error.message : String(error);
        return null;
      });
      if (dataset) {
        ui.datasetVersion = dataset.version;
        ui.limits = dataset.limits;
        ui.pinnedVersion = view.version && view.version !== dataset.version ? view.version : null;
        if (view.version && view.version !== dataset.version) {
          ui.versionNotice = `This link was made on dataset version ${view.version.slice(0, 10)}; the data has changed since (now ${dataset.version.slice(0, 10)}). Paths and dates may differ.`;
        }
      }
      const ids = [view.from, view.to, view.meetA, view.meetB, view.focus, view.channel, view.channelTarget, view.other, ...view.exclude].filter((id): id is string => Boolean(id && NODE_ID.test(id)));
      let names: Map<string, { id: string; name: string } | null> | null = null;
      try {
        names = ids.length ? await api.names(ids) : new Map();
      } catch {
        names = null;
      }
      // An id the dataset does not have is named in words and its field left empty, rather than traced and refused.
      const unknown: string[] = [];
      const pick = (id: string | null, field: string) => {
        if (!id) return null;
        if (names === null) return { id, name: id };
        const found = NODE_ID.test(id) ? names.get(id) : null;
        if (!found) unknown.push(`${field} “${id}”`);
        return found ?? null;
      };
      tracer.choose('from', pick(view.from, 'the start'));
      tracer.choose('to', pick(view.to, 'the target'));
      tracer.anyDecisionMaker = Boolean(view.from && !view.to);
      tracer.windowFrom = view.windowFrom;
      tracer.windowTo = view.windowTo;
      tracer.time = view.time;
      tracer.mode = view.mode;
      tracer.linkTypes = view.linkTypes;
      tracer.k = view.k;
      tracer.maxHops = view.maxHops;
      tracer.exclude = view.exclude.map((id) => pick(id, 'the left-out item')).filter((e): e is { id: string; name: string } => e !== null);
      meetings.a = pick(view.meetA, 'the first person');
      meetings.b = pick(view.meetB, 'the second person');
      meetings.windowFrom = view.meetFrom;
      meetings.windowTo = view.meetTo;
      analyses.view = view.analysis;
      analyses.channel = pick(view.channel, 'the analysed channel');
      analyses.target = pick(view.channelTarget, 'the brokers’ target');
      analyses.windowFrom = view.channelFrom;
      analyses.windowTo = view.channelTo;
      analyses.mode = view.channelMode;
      analyses.other = pick(view.other, 'the compared channel');
      analyses.otherFrom = view.otherFrom;
      analyses.otherTo = view.otherTo;
      const focus = view.focus ? pick(view.focus, 'the explored node') : null;
      explorer.setHidden(view.hiddenTypes);
      timeline.set(view.at);
      ui.tab = view.tab;
      await Promise.all([
        focus ? explorer.open(focus.id) : Promise.resolve(),
        // A who-met-whom link brings back its answer, not only the two names.
        meetings.a && meetings.b ? meetings.run() : Promise.resolve(),
        tracer.from ? tracer.run({ select: view.path, compare: view.compare }) : Promise.resolve(),
        // A channel analysis link brings back its answer and what was highlighted.
        analyses.channel && (view.analysis !== 'compare' || analyses.other) ? analyses.run({ select: view.analysisSelected }) : Promise.resolve(),
      ]);
      explorer.scene = view.scene === 'paths' && (tracer.result?.paths.length || tracer.partial || tracer.result?.closest?.brokenLink) ? 'paths'
        : view.scene === 'meet' && meetings.result?.chains.length ? 'meet'
        : view.scene === 'analysis' && analyses.shown ? 'analysis' : 'explore';
      const hops = tracer.before?.paths.flatMap((p) => p.hops) ?? [];
      tracer.exclude = tracer.exclude.map((item) => ({ id: item.id, name: hops.find((h) => h.link.id === item.id)?.sentence ?? item.name }));
      if (view.selected) {
        if (NODE_ID.test(view.selected)) await details.showNode(view.selected, false);
        else {
          const link = explorer.links.get(view.selected) ?? tracer.result?.paths.flatMap((p) => p.hops).find((h) => h.link.id === view.selected)?.link;
          if (link) details.showLink(link, false);
        }
      }
      ui.tab = view.tab;
      if (unknown.length) {
        ui.linkNotice = `This link names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in the dataset (${unknown.length === 1 ? 'the id may be mistyped, or the entry retired' : 'the ids may be mistyped, or the entries retired'}); ${unknown.length === 1 ? 'that field was' : 'those fields were'} left empty.`;
        ui.announce(ui.linkNotice);
      }
    } finally {
      this.restored = true;
    }
  }
}

export const share = new ShareState();
