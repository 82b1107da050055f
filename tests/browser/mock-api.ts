// A stand-in for the API while building the web UI: serves web/dist and answers /graphql against the real
// schema (api/schema.graphql) over a small Oslo fixture. For UI development only; the browser tests use the real API.
// Run: node --import tsx tests/browser/mock-api.ts [port]
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphql } from 'graphql';
import { LINK_TYPES, type LinkType } from '../../api/model.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = buildSchema(readFileSync(path.join(ROOT, 'api/schema.graphql'), 'utf8'));

type Raw = Record<string, any>;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function bound(part: string, end: boolean): string | null {
  if (!part || part === '..') return null;
  const p = part.replace(/[~?]/g, '');
  const [y, m, d] = p.split('-');
  if (d) return p;
  if (m) return end ? `${y}-${m}-${String(new Date(Date.UTC(+y, +m, 0)).getUTCDate()).padStart(2, '0')}` : `${y}-${m}-01`;
  return end ? `${y}-12-31` : `${y}-01-01`;
}
function human(part: string): string {
  const p = part.replace(/[~?]/g, '');
  const [y, m, d] = p.split('-');
  const s = d ? `${+d} ${MONTHS[+m - 1]} ${y}` : m ? `${MONTHS[+m - 1]} ${y}` : y;
  return part.endsWith('~') ? `c. ${s}` : s;
}
function interval(text: string | undefined) {
  if (!text) return null;
  const [a, b] = text.includes('/') ? text.split('/') : [text, text];
  return {
    text,
    label: text.includes('/') ? `${a === '..' ? '…' : human(a)}–${b === '..' ? '…' : human(b)}` : human(a),
    from: bound(a, false),
    to: bound(b, true),
    point: !text.includes('/'),
    approximate: /[~?]/.test(text),
  };
}

const sources: Raw[] = [
  { id: 'source/waage-2004', title: "Peacemaking Is a Risky Business: Norway's Role in the Peace Process", author: 'Hilde Henriksen Waage', outlet: 'PRIO', date: '2004', url: 'https://www.prio.org/' },
  { id: 'source/agha-2003-ch1', title: 'What Are Track-II Talks?', author: 'Agha, Feldman, Khalidi, Schiff', outlet: 'MIT Press', date: '2003', url: null },
  { id: 'source/isa-oslo', title: 'Secret negotiations with the PLO (Israel State Archives)', author: null, outlet: 'ISA', date: '2018', url: 'https://catalog.archives.gov.il/' },
];
for (const s of sources) s.name = s.title;
const cite = (i: number, locator: string | null = null) => [{ source: sources[i], locator }];

const nodes = new Map<string, Raw>();
function add(kind: string, typename: string, id: string, name: string, extra: Raw = {}) {
  nodes.set(id, { __typename: typename, kind, id, name, aliases: [], description: null, citations: cite(0, 'p. 1'), disputes: [], anonymous: false, ...extra });
}
for (const s of sources) add('SOURCE', 'Source', s.id, s.title, { ...s, citations: [] });
const person = (slug: string, name: string, side: string, extra: Raw = {}) => add('PERSON', 'Person', `person/${slug}`, name, { side, ...extra });
person('yair-hirschfeld', 'Yair Hirschfeld', 'israeli', { description: 'Israeli historian; opened the Oslo channel.' });
person('ron-pundak', 'Ron Pundak', 'israeli');
person('ahmed-qurei', 'Ahmed Qurei', 'palestinian', { aliases: ['Abu Ala', 'Abu Alaa', 'Ahmed Qurie'], description: 'PLO finance chief; led the Palestinian team at Oslo.',
  disputes: [{ field: 'born', value: '1937', note: 'Some profiles give 1937.', citations: cite(1) }], born: interval('1938') });
person('mahmoud-abbas', 'Mahmoud Abbas', 'palestinian', { aliases: ['Abu Mazen'] });
person('yasser-arafat', 'Yasser Arafat', 'palestinian', { aliases: ['Abu Ammar'] });
person('yossi-beilin', 'Yossi Beilin', 'israeli', { description: 'Israeli deputy foreign minister 1992–95; mentor of the Oslo channel.' });
person('shimon-peres', 'Shimon Peres', 'israeli');
person('yitzhak-rabin', 'Yitzhak Rabin', 'israeli');
person('yitzhak-shamir', 'Yitzhak Shamir', 'israeli');
person('terje-rod-larsen', 'Terje Rød-Larsen', 'norwegian');
person('johan-jorgen-holst', 'Johan Jørgen Holst', 'norwegian');
person('uri-savir', 'Uri Savir', 'israeli');
add('GOVERNMENT', 'Government', 'government/israel', 'Government of Israel', { side: 'israeli', polity: 'Israel', aliases: ['Israel'] });
add('GOVERNMENT', 'Government', 'government/plo', 'Palestine Liberation Organization', { side: 'palestinian', polity: 'PLO', aliases: ['PLO'] });
add('GOVERNMENT', 'Government', 'government/norway', 'Government of Norway', { side: 'norwegian', polity: 'Norway', aliases: ['Norway'] });
add('INSTITUTION', 'Institution', 'institution/fafo', 'Fafo', { side: 'norwegian', institutionKind: 'think-tank' });
add('CHANNEL', 'Channel', 'channel/oslo-1992', 'Oslo back channel', { aliases: ['Oslo channel'], when: interval('1992-12-04/1993-09-13'), channelKind: 'hard', approach: 'realistic-interest', level: 'elite',
  venues: ['London', 'Sarpsborg (Borregaard manor)', 'Oslo'], outcome: 'The Declaration of Principles, signed in Washington on 13 Sep 1993.',
  tracks: [{ track: 'II', when: interval('1992-12-04/1993-05') }, { track: 'I', when: interval('1993-05/1993-09-13') }] });
add('SESSION', 'Session', 'session/oslo-1992-london', 'London meeting', { when: interval('1992-12-04'), place: 'London', confidence: 'HIGH' });
add('SESSION', 'Session', 'session/oslo-1993-borregaard', 'Borregaard, first round', { when: interval('1993-01-20/1993-01-22'), place: 'Sarpsborg', confidence: 'HIGH' });

const links: Raw[] = [];
function link(type: LinkType, from: string, to: string, when: string | undefined, confidence = 'HIGH', extra: Raw = {}) {
  const id = extra.id ?? `${type}:${from}>${to}@${when ?? ''}`;
  const spec = LINK_TYPES[type];
  const f = nodes.get(from)!, t = nodes.get(to)!;
  links.push({ id, type, family: spec.family.toUpperCase(), fromId: from, toId: to, from: f, to: t, when: interval(when), confidence, citations: cite(links.length % 3, `p. ${10 + links.length}`), disputes: [], note: null, outcome: null, role: null, side: null, title: null, rank: null, place: null,
    sentence: `${f.name} ${spec.verb} ${t.name}`, ...extra });
}
const P = (s: string) => `person/${s}`;
link('PARTICIPATED_IN', P('yair-hirschfeld'), 'channel/oslo-1992', '1992-12-04/1993-09-13', 'HIGH', { role: 'negotiator', side: 'israeli' });
link('PARTICIPATED_IN', P('ron-pundak'), 'channel/oslo-1992', '1993-01/1993-09-13', 'HIGH', { role: 'negotiator', side: 'israeli' });
link('PARTICIPATED_IN', P('ahmed-qurei'), 'channel/oslo-1992', '1992-12-04/1993-09-13', 'HIGH', { role: 'negotiator', side: 'palestinian' });
link('PARTICIPATED_IN', P('uri-savir'), 'channel/oslo-1992', '1993-05/1993-09-13', 'HIGH', { role: 'negotiator', side: 'israeli' });
link('FACILITATED', P('terje-rod-larsen'), 'channel/oslo-1992', '1992-12/1993-09-13');
link('SPONSORED', 'institution/fafo', 'channel/oslo-1992', '1992-12/1993-09', 'MEDIUM');
link('MENTORED', P('yossi-beilin'), 'channel/oslo-1992', '1992-12/1993-09-13');
link('REPORTED_TO', P('yair-hirschfeld'), P('yossi-beilin'), '1992-12-05', 'HIGH', { outcome: 'ACCEPTED' });
link('BRIEFED', P('yossi-beilin'), P('shimon-peres'), '1993-02~', 'HIGH', { outcome: 'ACCEPTED', note: 'Beilin told Peres of the Borregaard meeting.',
  disputes: [{ field: 'when', value: '1993-01', note: 'Savir dates the briefing to January.', citations: cite(2, 'ch. 1') }] });
link('BRIEFED', P('shimon-peres'), P('yitzhak-rabin'), '1993-02/1993-03', 'MEDIUM', { outcome: 'ACCEPTED' });
link('REPORTED_TO', P('ahmed-qurei'), P('yasser-arafat'), '1992-12-06', 'HIGH', { outcome: 'ACCEPTED' });
link('REPORTED_TO', P('ahmed-qurei'), P('mahmoud-abbas'), '1992-12', 'MEDIUM');
link('ADVISED', P('mahmoud-abbas'), P('yasser-arafat'), '1988/1995', 'LOW');
link('CARRIED_DOCUMENT_TO', P('johan-jorgen-holst'), P('yitzhak-rabin'), '1993-09-10', 'HIGH', { outcome: 'ACCEPTED' });
link('MET', P('yair-hirschfeld'), P('ahmed-qurei'), '1992-12-04', 'HIGH', { place: 'London' });
link('AFFILIATED_WITH', P('terje-rod-larsen'), 'institution/fafo', '1981/1993', 'HIGH', { title: 'Director' });
link('HELD_OFFICE', P('yitzhak-rabin'), 'government/israel', '1992-07-13/1995-11-04', 'HIGH', { title: 'Prime Minister', rank: 'head' });
link('HELD_OFFICE', P('yitzhak-shamir'), 'government/israel', '1986-10-20/1992-07-13', 'HIGH', { title: 'Prime Minister', rank: 'head' });
link('HELD_OFFICE', P('shimon-peres'), 'government/israel', '1992-07-13/1995-11-22', 'HIGH', { title: 'Foreign Minister', rank: 'leader' });
link('HELD_OFFICE', P('yossi-beilin'), 'government/israel', '1992-07-13/1995-07', 'HIGH', { title: 'Deputy Foreign Minister', rank: 'minister' });
link('HELD_OFFICE', P('uri-savir'), 'government/israel', '1993-05/1996', 'HIGH', { title: 'Director-General, Foreign Ministry', rank: 'senior-official' });
link('HELD_OFFICE', P('yasser-arafat'), 'government/plo', '1969-02-04/2004-11-11', 'HIGH', { title: 'Chairman', rank: 'head' });
link('HELD_OFFICE', P('johan-jorgen-holst'), 'government/norway', '1993-04-02/1994-01-13', 'HIGH', { title: 'Foreign Minister', rank: 'leader' });
for (const [s, who] of [['session/oslo-1992-london', ['yair-hirschfeld', 'ahmed-qurei', 'terje-rod-larsen']], ['session/oslo-1993-borregaard', ['yair-hirschfeld', 'ron-pundak', 'ahmed-qurei', 'terje-rod-larsen']]] as const) {
  for (const p of who) link('ATTENDED', P(p), s, nodes.get(s)!.when.text);
  link('SESSION_OF', s, 'channel/oslo-1992', nodes.get(s)!.when.text);
}

const touching = (id: string, types?: string[]) => links.filter((l) => (l.fromId === id || l.toId === id) && (!types || types.includes(l.type)));
for (const n of nodes.values()) {
  n.links = ({ types }: { types?: string[] }) => touching(n.id, types);
  if (n.kind === 'PERSON') {
    n.offices = touching(n.id, ['HELD_OFFICE']).filter((l) => l.fromId === n.id);
    n.roles = touching(n.id).filter((l) => l.toId.startsWith('channel/') && l.fromId === n.id);
  }
  if (n.kind === 'GOVERNMENT') n.offices = ({ at }: { at?: string }) => touching(n.id, ['HELD_OFFICE']).filter((l) => !at || (l.when.from <= at && (!l.when.to || l.when.to >= at)));
  if (n.kind === 'CHANNEL') {
    n.roles = touching(n.id).filter((l) => l.toId === n.id && !['SESSION_OF', 'LED_TO'].includes(l.type));
    n.sessions = [...nodes.values()].filter((s) => s.kind === 'SESSION');
  }
  if (n.kind === 'SESSION') {
    n.channel = nodes.get('channel/oslo-1992');
    n.attendees = touching(n.id, ['ATTENDED']).map((l) => l.from);
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

interface Step { link: Raw; from: string; to: string; against: boolean; instant: string | null }
const WEIGHT: Record<string, number> = { HIGH: 1, MEDIUM: 0.7, LOW: 0.4 };

function leaderAt(personId: string, date: string | null, govId?: string) {
  return touching(personId, ['HELD_OFFICE']).find((l) => ['head', 'leader'].includes(l.rank) && (!govId || l.toId === govId) && (date === null || ((!l.when.from || l.when.from <= date) && (!l.when.to || l.when.to >= date))));
}

function influencePaths(args: Raw) {
  const { from, to, window, time = 'RESPECTING', mode = 'POTENTIAL', linkTypes, maxHops = 6, k = 5 } = args;
  const exclude: string[] = args.exclude ?? [];
  if (!nodes.has(from)) throw Object.assign(new Error(`No node with id ${from}.`), { extensions: { code: 'NOT_FOUND' } });
  const wFrom = window?.from ? bound(window.from, false) : null;
  const wTo = window?.to ? bound(window.to, true) : null;
  const ignore = time === 'IGNORE';
  const allowed = (l: Raw) =>
    !exclude.includes(l.id) && !exclude.includes(l.fromId) && !exclude.includes(l.toId) && l.type !== 'HELD_OFFICE' &&
    (!linkTypes || linkTypes.includes(l.type)) && (mode === 'POTENTIAL' ? ['ACCESS', 'TRANSMISSION', 'PARTICIPATION'].includes(l.family) : ['PARTICIPATION', 'TRANSMISSION'].includes(l.family)) &&
    !['REJECTED', 'DISOWNED', 'IGNORED'].includes(l.outcome);
  const found: Step[][] = [];
  let closest = { id: from, hops: 0, arrival: null as string | null };
  let outOfWindow = false;
  const isTarget = (id: string, at: string | null) => {
    if (to?.startsWith('government/')) return leaderAt(id, ignore ? null : at, to);
    if (to) return id === to;
    return leaderAt(id, ignore ? null : at);
  };
  function walk(at: string, t: string | null, visited: Set<string>, steps: Step[]) {
    if (steps.length && isTarget(at, t)) {
      const office = to?.startsWith('government/') ? leaderAt(at, ignore ? null : t, to) : null;
      found.push(office ? [...steps, { link: office, from: at, to: to!, against: false, instant: t }] : steps);
      return;
    }
    if (steps.length > closest.hops) closest = { id: at, hops: steps.length, arrival: t };
    if (steps.length >= maxHops) return;
    for (const l of touching(at)) {
      if (!allowed(l)) continue;
      const flow = LINK_TYPES[l.type as LinkType].flow;
      const nextId = l.fromId === at ? l.toId : l.fromId;
      const against = l.toId === at;
      if (flow === 'none' || (flow === 'forward' && against) || (flow === 'reverse' && !against)) continue;
      if (visited.has(nextId) || exclude.includes(nextId)) continue;
      let instant: string | null = null;
      if (!ignore) {
        const start = [t, l.when?.from, wFrom].filter(Boolean).sort().pop() ?? null;
        const end = [l.when?.to, wTo].filter(Boolean).sort()[0] ?? null;
        if (start && end && start > end) { outOfWindow = true; continue; }
        instant = start;
      }
      walk(nextId, instant, new Set([...visited, nextId]), [...steps, { link: l, from: at, to: nextId, against, instant }]);
    }
  }
  const starts = from.startsWith('channel/') ? touching(from, ['PARTICIPATED_IN']).map((l) => l.fromId) : [from];
  for (const s of starts) walk(s, null, new Set([s]), []);
  const paths = found
    .map((steps) => ({ steps, evidence: steps.reduce((e, s) => e * WEIGHT[s.link.confidence], 1), arrival: steps[steps.length - 1].instant }))
    .sort((a, b) => a.steps.length - b.steps.length || b.evidence - a.evidence || String(a.arrival).localeCompare(String(b.arrival)))
    .slice(0, k)
    .map(({ steps, evidence, arrival }, i) => {
      const ids = [steps[0].from, ...steps.map((s) => s.to)];
      const weakest = steps.reduce((w, s, j) => (WEIGHT[s.link.confidence] < WEIGHT[steps[w].link.confidence] ? j : w), 0);
      const last = steps[steps.length - 1];
      const dm = last.link.type === 'HELD_OFFICE' ? nodes.get(last.from) : leaderAt(last.to, arrival) ? nodes.get(last.to) : null;
      return {
        rank: i + 1, hopCount: steps.length, arrival: ignore ? null : arrival, arrivalLabel: ignore || !arrival ? null : interval(arrival)!.label,
        certain: steps.every((s) => s.link.when && !s.link.when.approximate), evidence, weakestHop: weakest, source: nodes.get(ids[0]),
        decisionMaker: dm ?? null, government: last.link.type === 'HELD_OFFICE' ? nodes.get(last.to) : null,
        nodes: ids.map((id) => nodes.get(id)),
        hops: steps.map((s) => ({ link: s.link, from: nodes.get(s.from), to: nodes.get(s.to), against: s.against, instant: ignore ? null : s.instant,
          sentence: `${s.link.sentence}${s.link.when ? ` (${s.link.when.label})` : ''}` })),
      };
    });
  const closestNode = nodes.get(closest.id)!;
  const reason = outOfWindow ? 'OUT_OF_WINDOW' : 'NO_LINK_ONWARD';
  return {
    paths, static: ignore, datasetVersion: 'mock-1',
    stopReason: paths.length ? null : reason,
    explanation: paths.length ? null : `no path: the search stopped at ${closestNode.name} because ${reason === 'OUT_OF_WINDOW' ? 'every onward link falls outside the window' : 'nothing links onward'}`,
    closest: paths.length ? null : { node: closestNode, hops: closest.hops, arrival: closest.arrival, brokenLink: null },
  };
}

const root = {
  dataset: () => ({ version: 'mock-1', counts: { people: 12, institutions: 1, governments: 3, channels: 1, sessions: 2, documents: 0, sources: 3, links: links.length }, citedShare: 1, datedShare: 1, loadedAt: null }),
  node: ({ id }: Raw) => nodes.get(id) ?? null,
  search: ({ text, kinds, limit = 10 }: Raw) => {
    const q = fold(text);
    return [...nodes.values()]
      .filter((n) => !kinds || kinds.includes(n.kind))
      .map((n) => ({ node: n, matched: [n.name, ...n.aliases].find((a: string) => fold(a).includes(q)) }))
      .filter((h) => h.matched)
      .slice(0, limit)
      .map((h) => ({ ...h, score: 1 }));
  },
  channels: () => [...nodes.values()].filter((n) => n.kind === 'CHANNEL'),
  governments: () => [...nodes.values()].filter((n) => n.kind === 'GOVERNMENT'),
  neighbourhood: ({ id }: Raw) => {
    if (!nodes.has(id)) throw Object.assign(new Error(`No node with id ${id}.`), { extensions: { code: 'NOT_FOUND' } });
    const ls = touching(id);
    const ids = new Set([id, ...ls.flatMap((l) => [l.fromId, l.toId])]);
    return { nodes: [...ids].map((i) => nodes.get(i)), links: ls, truncated: false };
  },
  influencePaths,
  whoMetWhom: ({ a, b }: Raw) => {
    const met = links.filter((l) => l.type === 'MET' && [l.fromId, l.toId].includes(a) && [l.fromId, l.toId].includes(b));
    const chains: Raw[] = met.map((l) => ({ people: [nodes.get(a), nodes.get(b)], hops: [{ from: nodes.get(a), to: nodes.get(b), kind: 'MET', when: l.when, place: l.place, session: null, channel: null, link: l, citations: l.citations }] }));
    const shared = [...nodes.values()].filter((s) => s.kind === 'SESSION' && s.attendees.some((p: Raw) => p.id === a) && s.attendees.some((p: Raw) => p.id === b));
    for (const s of shared) chains.push({ people: [nodes.get(a), nodes.get(b)], hops: [{ from: nodes.get(a), to: nodes.get(b), kind: 'SESSION', when: s.when, place: s.place, session: s, channel: s.channel, link: null, citations: s.citations }] });
    return { chains, explanation: chains.length ? null : 'No documented meeting, shared session or overlapping channel links them.' };
  },
};

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

export function startMockApi(port = 0): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const dist = path.join(ROOT, 'web/dist');
  const server = createServer(async (req, res) => {
    if (req.url === '/graphql' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const { query, variables } = JSON.parse(body);
      const result = await graphql({ schema, source: query, rootValue: root, variableValues: variables });
      const errors = result.errors?.map((e) => ({ message: e.message, extensions: { code: (e.originalError as Raw)?.extensions?.code ?? 'BAD_USER_INPUT' } }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...result, errors }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : port;
      resolve({ url: `http://127.0.0.1:${p}`, server, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  startMockApi(Number(process.argv[2] ?? 4300)).then(({ url }) => console.log(`mock API at ${url}`));
}
