// The whole view as a URL hash and back (pure): what a permalink restores, pinned to a dataset version.
import { LINK_TYPES, type LinkType, type PathMode, type TimeMode } from './types.ts';

export type Tab = 'trace' | 'meet' | 'channels' | 'details' | 'stories';
export type AnalysisView = 'brokers' | 'reach' | 'compare';

export interface View {
  /** Dataset version the view was made on. */
  version: string | null;
  tab: Tab;
  /** Node whose neighbourhood the canvas explores. */
  focus: string | null;
  /** Node or link shown in the details panel. */
  selected: string | null;
  from: string | null;
  to: string | null;
  windowFrom: string;
  windowTo: string;
  time: TimeMode;
  mode: PathMode;
  linkTypes: LinkType[];
  k: number;
  maxHops: number;
  exclude: string[];
  /** Rank of the selected path, and of the one compared with it. */
  path: number | null;
  compare: number | null;
  /** Timeline month or months (YYYY-MM or YYYY-MM..YYYY-MM), null for all time. */
  at: string | null;
  meetA: string | null;
  meetB: string | null;
  hiddenTypes: LinkType[];
  /** What the canvas shows: explored neighbourhoods, the traced paths, who met whom or a channel analysis. */
  scene: 'explore' | 'paths' | 'meet' | 'analysis';
  /** Who-met-whom window bounds (partial dates) or ''. */
  meetFrom: string;
  meetTo: string;
  /** Channel analyses: the view, the channel (and its window), the brokers' target, the mode, the channel compared
   *  with it (and its window), and the broker or government highlighted. */
  analysis: AnalysisView;
  channel: string | null;
  channelTarget: string | null;
  channelFrom: string;
  channelTo: string;
  channelMode: PathMode;
  other: string | null;
  otherFrom: string;
  otherTo: string;
  analysisSelected: string | null;
}

export const DEFAULT_VIEW: View = {
  version: null,
  tab: 'trace',
  focus: null,
  selected: null,
  from: null,
  to: null,
  windowFrom: '',
  windowTo: '',
  time: 'RESPECTING',
  mode: 'POTENTIAL',
  linkTypes: [],
  k: 5,
  maxHops: 6,
  exclude: [],
  path: null,
  compare: null,
  at: null,
  meetA: null,
  meetB: null,
  hiddenTypes: [],
  scene: 'explore',
  meetFrom: '',
  meetTo: '',
  analysis: 'brokers',
  channel: null,
  channelTarget: null,
  channelFrom: '',
  channelTo: '',
  channelMode: 'DOCUMENTED',
  other: null,
  otherFrom: '',
  otherTo: '',
  analysisSelected: null,
};

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const TABS: Tab[] = ['trace', 'meet', 'channels', 'details', 'stories'];
const ANALYSES: AnalysisView[] = ['brokers', 'reach', 'compare'];
const TIMES: TimeMode[] = ['RESPECTING', 'WITHIN_WINDOW', 'IGNORE'];
const MODES: PathMode[] = ['POTENTIAL', 'DOCUMENTED'];

export function encodeView(view: View): string {
  const p = new URLSearchParams();
  const set = (key: string, value: string | number | null | undefined, fallback?: string | number | null) => {
    if (value !== null && value !== undefined && value !== '' && value !== fallback) p.set(key, String(value));
  };
  set('v', view.version);
  set('tab', view.tab, DEFAULT_VIEW.tab);
  set('focus', view.focus);
  set('sel', view.selected);
  set('from', view.from);
  set('to', view.to);
  set('wf', view.windowFrom);
  set('wt', view.windowTo);
  set('time', view.time, DEFAULT_VIEW.time);
  set('mode', view.mode, DEFAULT_VIEW.mode);
  set('types', view.linkTypes.join(','));
  set('k', view.k, DEFAULT_VIEW.k);
  set('hops', view.maxHops, DEFAULT_VIEW.maxHops);
  set('ex', view.exclude.join(','));
  set('path', view.path);
  set('cmp', view.compare);
  set('at', view.at);
  set('ma', view.meetA);
  set('mb', view.meetB);
  set('hide', view.hiddenTypes.join(','));
  set('scene', view.scene, DEFAULT_VIEW.scene);
  set('mf', view.meetFrom);
  set('mt', view.meetTo);
  set('an', view.analysis, DEFAULT_VIEW.analysis);
  set('ch', view.channel);
  set('cht', view.channelTarget);
  set('cf', view.channelFrom);
  set('ct', view.channelTo);
  set('cm', view.channelMode, DEFAULT_VIEW.channelMode);
  set('ch2', view.other);
  set('c2f', view.otherFrom);
  set('c2t', view.otherTo);
  set('csel', view.analysisSelected);
  return p.toString();
}

function int(value: string | null, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

function types(value: string | null): LinkType[] {
  return (value ?? '').split(',').filter((t): t is LinkType => (LINK_TYPES as readonly string[]).includes(t));
}

/** Reads a hash (with or without '#'); anything malformed falls back to the default. */
export function decodeView(hash: string): View {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const date = (key: string) => {
    const value = p.get(key) ?? '';
    return PARTIAL_DATE.test(value) ? value : '';
  };
  const rank = (key: string) => (p.has(key) ? int(p.get(key), 1, 100, 0) || null : null);
  const tab = p.get('tab') as Tab;
  const time = p.get('time') as TimeMode;
  const mode = p.get('mode') as PathMode;
  return {
    version: p.get('v'),
    tab: TABS.includes(tab) ? tab : DEFAULT_VIEW.tab,
    focus: p.get('focus'),
    selected: p.get('sel'),
    from: p.get('from'),
    to: p.get('to'),
    windowFrom: date('wf'),
    windowTo: date('wt'),
    time: TIMES.includes(time) ? time : DEFAULT_VIEW.time,
    mode: MODES.includes(mode) ? mode : DEFAULT_VIEW.mode,
    linkTypes: types(p.get('types')),
    k: int(p.get('k'), 1, 20, DEFAULT_VIEW.k),
    maxHops: int(p.get('hops'), 1, 10, DEFAULT_VIEW.maxHops),
    exclude: (p.get('ex') ?? '').split(',').filter(Boolean),
    path: rank('path'),
    compare: rank('cmp'),
    at: /^\d{4}-\d{2}(\.\.\d{4}-\d{2})?$/.test(p.get('at') ?? '') ? p.get('at') : null,
    meetA: p.get('ma'),
    meetB: p.get('mb'),
    hiddenTypes: types(p.get('hide')),
    scene: p.get('scene') === 'paths' ? 'paths' : p.get('scene') === 'meet' ? 'meet' : p.get('scene') === 'analysis' ? 'analysis' : 'explore',
    meetFrom: date('mf'),
    meetTo: date('mt'),
    analysis: ANALYSES.includes(p.get('an') as AnalysisView) ? (p.get('an') as AnalysisView) : DEFAULT_VIEW.analysis,
    channel: p.get('ch'),
    channelTarget: p.get('cht'),
    channelFrom: date('cf'),
    channelTo: date('ct'),
    channelMode: MODES.includes(p.get('cm') as PathMode) ? (p.get('cm') as PathMode) : DEFAULT_VIEW.channelMode,
    other: p.get('ch2'),
    otherFrom: date('c2f'),
    otherTo: date('c2t'),
    analysisSelected: p.get('csel'),
  };
}
