// Pure writers for the exports: paths as CSV and as JSON with a bibliography, the canvas as SVG.
import type { Citation, Path, PathQuery, PathResult, SourceRef } from './types.ts';

export type SvgShape =
  | {
      type: 'node';
      id: string;
      x: number;
      y: number;
      w: number;
      h: number;
      shape: string;
      colour: string;
      border: string;
      borderWidth: number;
      opacity: number;
      label: string;
    }
  | {
      type: 'edge';
      id: string;
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      colour: string;
      width: number;
      dashed: boolean;
      arrow: boolean;
      opacity: number;
      label: string;
      /** Control points of a curved edge (quadratic pieces through each, as the canvas draws it); none when straight. */
      controls?: { x: number; y: number }[];
    };

// Characters XML 1.0 cannot carry even escaped (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF): dropped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The address to link a source to, or undefined: only http(s) opens as a page; javascript:, data: and the rest never. */
export function webUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

function polygon(x: number, y: number, w: number, h: number, points: [number, number][]): string {
  return points.map(([px, py]) => `${num(x + (px * w) / 2)},${num(y + (py * h) / 2)}`).join(' ');
}

function nodeSvg(n: Extract<SvgShape, { type: 'node' }>): string {
  const paint = `fill="${xml(n.colour)}" stroke="${xml(n.border)}" stroke-width="${num(n.borderWidth)}" opacity="${num(n.opacity)}"`;
  let body: string;
  switch (n.shape) {
    case 'diamond':
      body = `<polygon points="${polygon(n.x, n.y, n.w, n.h, [[0, -1], [1, 0], [0, 1], [-1, 0]])}" ${paint}/>`;
      break;
    case 'hexagon':
      body = `<polygon points="${polygon(n.x, n.y, n.w, n.h, [[-1, 0], [-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1]])}" ${paint}/>`;
      break;
    case 'rectangle':
    case 'tag':
      body = `<rect x="${num(n.x - n.w / 2)}" y="${num(n.y - n.h / 2)}" width="${num(n.w)}" height="${num(n.h)}" ${paint}/>`;
      break;
    case 'round-rectangle':
      body = `<rect x="${num(n.x - n.w / 2)}" y="${num(n.y - n.h / 2)}" width="${num(n.w)}" height="${num(n.h)}" rx="5" ${paint}/>`;
      break;
    default:
      body = `<ellipse cx="${num(n.x)}" cy="${num(n.y)}" rx="${num(n.w / 2)}" ry="${num(n.h / 2)}" ${paint}/>`;
  }
  const label = n.label
    ? `<text x="${num(n.x)}" y="${num(n.y + n.h / 2 + 12)}" text-anchor="middle" opacity="${num(n.opacity)}">${xml(n.label)}</text>`
    : '';
  return `<g data-id="${xml(n.id)}">${body}${label}</g>`;
}

function edgeSvg(e: Extract<SvgShape, { type: 'edge' }>): string {
  const dash = e.dashed ? ' stroke-dasharray="6 3"' : '';
  const marker = e.arrow ? ' marker-end="url(#arrow)"' : '';
  const label = e.label
    ? `<text x="${num((e.x1 + e.x2) / 2)}" y="${num((e.y1 + e.y2) / 2 - 4)}" text-anchor="middle" font-size="9">${xml(e.label)}</text>`
    : '';
  const stroke = `stroke="${xml(e.colour)}" stroke-width="${num(e.width)}" opacity="${num(e.opacity)}"${dash}${marker}`;
  const c = e.controls ?? [];
  if (c.length) {
    // The same curve as on the canvas: a quadratic piece through each control point, joined at their midpoints.
    const pieces = c.map((p, i) => {
      const to = i === c.length - 1 ? { x: e.x2, y: e.y2 } : { x: (p.x + c[i + 1].x) / 2, y: (p.y + c[i + 1].y) / 2 };
      return `Q ${num(p.x)} ${num(p.y)} ${num(to.x)} ${num(to.y)}`;
    });
    return `<g data-id="${xml(e.id)}"><path d="M ${num(e.x1)} ${num(e.y1)} ${pieces.join(' ')}" fill="none" ${stroke}/>${label}</g>`;
  }
  return `<g data-id="${xml(e.id)}"><line x1="${num(e.x1)}" y1="${num(e.y1)}" x2="${num(e.x2)}" y2="${num(e.y2)}" ${stroke}/>${label}</g>`;
}

/** A standalone SVG document of the canvas drawing (edges under nodes), cropped to its content. */
export function toSvg(shapes: SvgShape[], title = 'Backchannel graph'): string {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const s of shapes) {
    const box = s.type === 'node' ? [s.x - s.w / 2 - 60, s.y - s.h / 2, s.x + s.w / 2 + 60, s.y + s.h / 2 + 20] : [Math.min(s.x1, s.x2), Math.min(s.y1, s.y2), Math.max(s.x1, s.x2), Math.max(s.y1, s.y2)];
    minX = Math.min(minX, box[0]); minY = Math.min(minY, box[1]); maxX = Math.max(maxX, box[2]); maxY = Math.max(maxY, box[3]);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const pad = 20;
  const viewBox = `${num(minX - pad)} ${num(minY - pad)} ${num(maxX - minX + 2 * pad)} ${num(maxY - minY + 2 * pad)}`;
  const edges = shapes.filter((s) => s.type === 'edge').map((s) => edgeSvg(s as Extract<SvgShape, { type: 'edge' }>));
  const nodes = shapes.filter((s) => s.type === 'node').map((s) => nodeSvg(s as Extract<SvgShape, { type: 'node' }>));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="${num(maxX - minX + 2 * pad)}" height="${num(maxY - minY + 2 * pad)}" font-family="system-ui, sans-serif" font-size="11">`,
    `<title>${xml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker></defs>`,
    `<rect x="${num(minX - pad)}" y="${num(minY - pad)}" width="100%" height="100%" fill="#ffffff"/>`,
    ...edges,
    ...nodes,
    `</svg>`,
  ].join('\n');
}

/** RFC 4180 quoting, and OWASP's CSV-injection rule: a text starting with = + - @ tab or CR gets a ' before it. */
function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^'*[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function citationText(c: Citation): string {
  return c.locator ? `${c.source.title || c.source.name}, ${c.locator}` : c.source.title || c.source.name;
}

export const CSV_COLUMNS = [
  'path', 'hop', 'from', 'link', 'to', 'sentence', 'when', 'instant', 'confidence', 'weakest',
  'certain', 'evidence', 'arrival', 'citations', 'sources',
] as const;

/** One row per hop of every path (RFC 4180 quoting). */
export function pathsCsv(result: PathResult): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const path of result.paths) {
    path.hops.forEach((hop, i) => {
      rows.push(
        [
          path.rank, i + 1, hop.from.name, hop.link.type, hop.to.name, hop.sentence, hop.link.when?.label ?? '',
          hop.instant ?? '', hop.link.confidence.toLowerCase(), i === path.weakestHop ? 'yes' : '', path.certain ? 'certain' : 'possible',
          path.evidence.toFixed(3), path.arrival ?? '', hop.link.citations.map(citationText).join('; '),
          hop.link.citations.map((c) => webUrl(c.source.url) ?? '').filter(Boolean).join(' '),
        ]
          .map(csvCell)
          .join(','),
      );
    });
  }
  return rows.join('\r\n') + '\r\n';
}

/** Every source cited by the paths, once, sorted by author then title. */
export function bibliography(paths: Path[]): SourceRef[] {
  const byId = new Map<string, SourceRef>();
  for (const path of paths) for (const hop of path.hops) for (const c of hop.link.citations) byId.set(c.source.id, c.source);
  return [...byId.values()].sort((a, b) => `${a.author ?? ''}${a.title}`.localeCompare(`${b.author ?? ''}${b.title}`));
}

/** The paths with the query that produced them and a bibliography, as a JSON document. */
export function pathsJson(query: PathQuery, result: PathResult, permalink: string): string {
  return JSON.stringify(
    {
      generator: 'Backchannel',
      datasetVersion: result.datasetVersion,
      permalink,
      query,
      static: result.static,
      explanation: result.explanation,
      paths: result.paths.map((p) => ({
        rank: p.rank,
        certain: p.certain,
        evidence: p.evidence,
        arrival: p.arrival,
        decisionMaker: p.decisionMaker,
        government: p.government,
        weakestHop: p.weakestHop,
        hops: p.hops.map((h) => ({
          from: h.from,
          to: h.to,
          type: h.link.type,
          linkId: h.link.id,
          sentence: h.sentence,
          when: h.link.when?.text ?? null,
          instant: h.instant,
          confidence: h.link.confidence.toLowerCase(),
          citations: h.link.citations.map((c) => ({ source: c.source.id, locator: c.locator })),
        })),
      })),
      bibliography: bibliography(result.paths).map((s) => ({
        id: s.id, title: s.title, author: s.author, outlet: s.outlet, date: s.date, url: webUrl(s.url) ?? null,
      })),
    },
    null,
    2,
  );
}

/** Saves text or a blob as a file through a temporary link. */
export function download(name: string, content: Blob | string, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
