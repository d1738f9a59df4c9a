// Reads a TopoJSON of the 25 gu (properties SIG_CD) enough to check it and to place one label
// per gu at the centroid of its largest polygon. Vega-Lite draws the shapes itself from the
// inline TopoJSON; we only need points for the labels.
import { quote } from '../errors.ts';
import { GU } from '../districts.ts';
import { BoundaryDataError } from './errors.ts';
import { isPlainObject } from './merge.ts';

type Pos = [number, number];

export interface GuBoundaries {
  topojson: Record<string, unknown>;
  object: string;
  /** SIG_CD -> [longitude, latitude] of the label point. */
  labels: Map<string, Pos>;
}

interface Geometry {
  type: string;
  arcs?: unknown;
  properties?: Record<string, unknown>;
}

export function readBoundaries(topojson: object, object: string): GuBoundaries {
  const topo = topojson as Record<string, unknown>;
  if (topo.type !== 'Topology' || !isPlainObject(topo.objects) || !Array.isArray(topo.arcs)) {
    throw new BoundaryDataError('not a TopoJSON Topology (type, objects and arcs are required)');
  }
  const obj = topo.objects[object];
  if (!isPlainObject(obj) || !Array.isArray(obj.geometries)) {
    throw new BoundaryDataError(`object ${quote(object)} is not a GeometryCollection in this TopoJSON (objects: ${Object.keys(topo.objects).join(', ')})`);
  }
  const arcs = decodeArcs(topo.arcs as number[][][], topo.transform);
  const labels = new Map<string, Pos>();
  for (const g of obj.geometries as Geometry[]) {
    const code = g.properties?.SIG_CD;
    if (typeof code !== 'string' && typeof code !== 'number') continue;
    const rings = outerRings(g).map((ring) => ringPoints(ring, arcs));
    const largest = rings.reduce<Pos[] | undefined>((best, r) => (!best || Math.abs(area(r)) > Math.abs(area(best)) ? r : best), undefined);
    if (largest) labels.set(String(code), centroid(largest));
  }
  const missing = GU.filter((gu) => !labels.has(gu.code));
  if (missing.length === GU.length) throw new BoundaryDataError(`no geometry of ${quote(object)} has a SIG_CD property naming a Seoul gu (11110..11740)`);
  return { topojson: topo, object, labels };
}

function decodeArcs(arcs: number[][][], transform: unknown): Pos[][] {
  const t = isPlainObject(transform) ? (transform as { scale: Pos; translate: Pos }) : undefined;
  return arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([a, b]) => {
      if (!t) return [a, b] as Pos;
      x += a;
      y += b;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] as Pos;
    });
  });
}

/** The first ring (exterior) of each polygon, as lists of arc indexes. */
function outerRings(g: Geometry): number[][] {
  if (g.type === 'Polygon' && Array.isArray(g.arcs)) return [(g.arcs as number[][])[0]].filter(Boolean);
  if (g.type === 'MultiPolygon' && Array.isArray(g.arcs)) return (g.arcs as number[][][]).map((p) => p[0]).filter(Boolean);
  return [];
}

function ringPoints(ring: number[], arcs: Pos[][]): Pos[] {
  const out: Pos[] = [];
  for (const i of ring) {
    const arc = i >= 0 ? arcs[i] : arcs[~i]?.slice().reverse();
    if (!arc) continue;
    out.push(...(out.length ? arc.slice(1) : arc));
  }
  return out;
}

function area(ring: Pos[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
}

function centroid(ring: Pos[]): Pos {
  const a = area(ring);
  if (a === 0) return ring[0];
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}
