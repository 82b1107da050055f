// Story mode: the stories list, the story being presented or printed, its step, the lesson being edited, and the permalink.
import * as api from './api.ts';
import { ApiError } from './api.ts';
import type { GraphCanvas } from './cytoscape.svelte.ts';
import { tick } from 'svelte';
import { download } from './exports.ts';
import {
  decodeStoryHash, draftProblems, encodeStoryHash, moveStep, newNodesAt, removeStep, renumberHeadings, storyBibliography, storyFromPath, toStoryFile,
  type StepView, type StoryLayoutHint, type StoryView,
} from './story-model.ts';
import type { Path, StoryData, StorySummary } from './types.ts';
import { ui } from './ui.svelte.ts';

export type StoryMode = 'closed' | 'present' | 'handout' | 'edit';

/** Server data → the web's story shape (nulls of optional hints dropped). */
export function storyView(data: StoryData): StoryView {
  const steps: StepView[] = data.steps.map((s) => ({
    heading: s.heading,
    caption: s.caption,
    when: s.when,
    nodes: s.nodes,
    links: s.links,
    nodeIds: s.nodeIds,
    linkIds: s.linkIds,
    layout: s.layout ? { ...(s.layout.fit ? { fit: s.layout.fit } : {}), ...(s.layout.padding !== null ? { padding: s.layout.padding } : {}) } : null,
    citations: s.citations,
  }));
  const layout = data.layout ? ({ ...(data.layout.name ? { name: data.layout.name } : {}), ...(data.layout.direction ? { direction: data.layout.direction } : {}) } as StoryLayoutHint) : null;
  return { id: data.id, title: data.title, audience: data.audience, summary: data.summary, origin: data.origin, layout, steps, bibliography: data.bibliography };
}

export class StoriesState {
  /** Every story on the server (server data, without steps). */
  list = $state.raw<StorySummary[]>([]);
  listLoaded = $state(false);
  /** The story presented or printed (server data, or the lesson being edited). */
  story = $state.raw<StoryView | null>(null);
  /** Index of the current step, from 0. */
  step = $state(0);
  mode = $state<StoryMode>('closed');
  /** The lesson being edited (generated from a path), kept while it is previewed. */
  draft = $state.raw<StoryView | null>(null);
  /** "Predict the next hop": a step's new nodes stay hidden until revealed. */
  predict = $state(false);
  revealed = $state(true);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The outcome of the last save, in words. */
  saveMessage = $state<string | null>(null);
  saving = $state(false);
  /** The presenter's renderer, once its chunk has loaded (read by the browser tests' hooks). */
  canvas = $state.raw<GraphCanvas | null>(null);
  /** True once the handout's diagrams are drawn. */
  handoutReady = $state(false);
  #request = 0;

  /** The story permalink while a saved story is open: #story=story/oslo&step=4 or …&handout=1. */
  hash: string | null = $derived(
    this.story && this.story.origin !== 'DRAFT' && (this.mode === 'present' || this.mode === 'handout')
      ? encodeStoryHash({ id: this.story.id, step: this.step + 1, handout: this.mode === 'handout' })
      : null,
  );
  /** Nodes hidden from the class until revealed (predict mode). */
  hidden: ReadonlySet<string> = $derived(this.story && this.predict && !this.revealed ? newNodesAt(this.story, this.step) : new Set<string>());
  get active(): boolean {
    return this.mode !== 'closed';
  }

  async loadList(): Promise<void> {
    try {
      this.list = await api.stories();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.listLoaded = true;
    }
  }

  /** Opens a stored story to present (at a step, from 1) or to print. */
  async open(id: string, step = 1, handout = false): Promise<void> {
    this.#rememberOpener();
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    try {
      const data = this.story?.id === id && this.story.origin !== 'DRAFT' ? null : await api.story(id);
      if (request !== this.#request) return;
      if (data) this.story = storyView(data);
      else if (!this.story || this.story.id !== id) {
        this.error = `There is no story “${id}”: it does not exist (or no longer does). The Stories tab lists the stories there are.`;
        this.mode = 'closed';
        ui.linkNotice = this.error;
        ui.announce(this.error);
        return;
      }
      if (handout) this.handoutReady = false;
      this.mode = handout ? 'handout' : 'present';
      this.go(step - 1);
    } catch (error) {
      if (request !== this.#request) return;
      this.error = error instanceof Error ? error.message : String(error);
      ui.error = `The story could not be loaded: ${this.error}`;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** Opens what a permalink names; false when the hash names no story. */
  async restore(hash: string): Promise<boolean> {
    const location = decodeStoryHash(hash);
    if (!location) return false;
    await this.open(location.id, location.step, location.handout);
    return true;
  }

  go(index: number): void {
    if (!this.story) return;
    const last = this.story.steps.length - 1;
    this.step = Math.max(0, Math.min(last, index));
    this.revealed = !this.predict || newNodesAt(this.story, this.step).size === 0;
    const s = this.story.steps[this.step];
    if (s && this.mode === 'present') ui.announce(`Step ${this.step + 1} of ${last + 1}: ${s.heading}. ${this.revealed ? s.caption : 'Who comes next? Guess, then reveal.'}`);
  }

  /** Next step; in predict mode, first reveals what the current step hid. */
  next(): void {
    if (!this.revealed) {
      this.revealed = true;
      const s = this.story?.steps[this.step];
      if (s) ui.announce(`Revealed: ${s.caption}`);
      return;
    }
    this.go(this.step + 1);
  }

  previous(): void {
    this.go(this.step - 1);
  }

  /** Turns "predict the next hop" on or off; the step on screen stays as it is, the next ones hide their new nodes. */
  togglePredict(): void {
    this.predict = !this.predict;
    this.revealed = true;
  }

  /** Where focus was when the presenter or the handout opened, so that closing puts it back. */
  #opener: { element: HTMLElement; selector: string | null } | null = null;

  #rememberOpener(): void {
    if (this.mode === 'present' || this.mode === 'handout') return;
    const element = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    // The lesson editor is unmounted while it previews, so its button is found again by id or test id.
    const selector = element?.id ? `#${CSS.escape(element.id)}` : element?.dataset.testid ? `[data-testid="${element.dataset.testid}"]` : null;
    this.#opener = element ? { element, selector } : null;
  }

  #restoreFocus(): void {
    const opener = this.#opener;
    this.#opener = null;
    if (!opener) return;
    void tick().then(() => {
      const target = opener.element.isConnected ? opener.element : opener.selector ? document.querySelector<HTMLElement>(opener.selector) : null;
      target?.focus();
    });
  }

  present(story: StoryView, step = 0): void {
    this.#rememberOpener();
    this.story = story;
    this.mode = 'present';
    this.go(step);
  }

  handout(story: StoryView): void {
    this.#rememberOpener();
    this.story = story;
    this.handoutReady = false;
    this.mode = 'handout';
  }

  /** Leaves the presenter or the handout (back to the lesson editor when previewing a lesson). */
  close(): void {
    this.#request++;
    this.mode = this.story?.origin === 'DRAFT' && this.draft ? 'edit' : 'closed';
    if (document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
    this.#restoreFocus();
  }

  /** "Make a lesson": a draft story from a computed path, opened in the editor. */
  draftFromPath(path: Path): void {
    this.draft = storyFromPath(path);
    this.saveMessage = null;
    this.mode = 'edit';
    ui.announce(`Lesson drafted from path ${path.rank}: ${this.draft.steps.length} steps. Edit the captions, reorder or remove steps, then save.`);
  }

  editDraft(): void {
    if (this.draft) this.mode = 'edit';
  }

  updateDraft(change: Partial<Pick<StoryView, 'id' | 'title' | 'audience' | 'summary'>>): void {
    if (this.draft) this.draft = { ...this.draft, ...change };
  }

  updateStep(index: number, change: Partial<Pick<StepView, 'heading' | 'caption'>>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, steps: this.draft.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) };
  }

  moveStep(index: number, by: number): void {
    if (!this.draft) return;
    const steps = renumberHeadings(moveStep(this.draft.steps, index, by));
    this.draft = { ...this.draft, steps };
    ui.announce(`Step moved to position ${Math.max(1, Math.min(steps.length, index + by + 1))}.`);
  }

  removeStep(index: number): void {
    if (!this.draft || this.draft.steps.length <= 1) return;
    const steps = renumberHeadings(removeStep(this.draft.steps, index));
    this.draft = { ...this.draft, steps, bibliography: storyBibliography(steps) };
    ui.announce(`Step ${index + 1} removed; ${steps.length} left.`);
  }

  /** Downloads the lesson as a story file (YAML or JSON, the format of seed/stories). */
  async downloadDraft(format: 'yaml' | 'json'): Promise<void> {
    if (!this.draft) return;
    const file = toStoryFile(this.draft);
    const name = `${file.id.replace(/^story\//, '')}.${format}`;
    if (format === 'json') download(name, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
    else {
      const { stringify } = await import('yaml');
      download(name, `# Backchannel story (seed/stories format), generated from a computed path.\n${stringify(file, { lineWidth: 100 })}`, 'application/yaml');
    }
    ui.announce(`Downloaded ${name}.`);
  }

  /** The version of each lesson this page saved, by id. */
  private savedVersions = new Map<string, number>();

  /** Saves the lesson on the server with an editor token. */
  async saveDraft(token: string): Promise<void> {
    if (!this.draft) return;
    const problems = draftProblems(this.draft);
    if (problems.length) {
      this.saveMessage = problems.join(' ');
      ui.announce(this.saveMessage);
      return;
    }
    this.saving = true;
    try {
      const file = toStoryFile(this.draft);
      // Saving the same lesson again overwrites the version this page saved (the server refuses a stale one).
      const saved = await api.saveStory(file, token, this.savedVersions.get(file.id));
      if (typeof saved.version === 'number') this.savedVersions.set(saved.id, saved.version);
      this.saveMessage = `Saved as ${saved.id} (${saved.stepCount} steps). Its permalink: #story=${saved.id}&step=1`;
      this.draft = { ...this.draft, origin: 'DRAFT' };
      await this.loadList();
    } catch (error) {
      this.saveMessage = error instanceof ApiError ? `Not saved: ${error.message} (${error.code})` : `Not saved: ${String(error)}`;
    } finally {
      this.saving = false;
      if (this.saveMessage) ui.announce(this.saveMessage);
    }
  }
}

export const stories = new StoriesState();
