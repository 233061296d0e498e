// Events as numbered markers on a map of their region: world-atlas borders, projected with d3-geo.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoMercator, geoPath, type GeoPermissibleObjects, type GeoStream, type GeoStreamWrapper } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { compareText } from '../util/compare.js';

export interface MapMarker {
  n: number;
  lat: number;
  lon: number;
  name: string;
}

const require = createRequire(import.meta.url);
/**
 * The world's countries, with their polygons (islands, exclaves) and each polygon's rings, all in a few flat
 * arrays: country c's polygons are parts[c] to parts[c + 1], polygon p's rings rings[p] to rings[p + 1], ring r's
 * points (lon, lat, lon, lat, ...) points[starts[r]] to points[starts[r + 1]], and polygon p's box boxes[4p] to
 * boxes[4p + 3] (west, south, east, north). The atlases are in the startup snapshot, and every object there costs
 * time to load at each start: an array per point, then per polygon, were a tenth of its objects.
 */
interface Atlas {
  names: string[];
  parts: Uint32Array;
  rings: Uint32Array;
  starts: Uint32Array;
  points: Float64Array;
  boxes: Float64Array;
}
type Box = [[number, number], [number, number]];
const atlases = new Map<string, Atlas>();

// 1:50m borders for a region; 1:110m when the map spans a continent or more, where finer lines would not show.
function loadAtlas(resolution: '50m' | '110m'): Atlas {
  let atlas = atlases.get(resolution);
  if (!atlas) {
    const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8')) as Topology;
    const { features } = feature(topology, topology.objects.countries!) as FeatureCollection<Geometry, { name: string }>;
    atlas = flatAtlas(features.map(({ properties, geometry }) => ({ name: properties.name, polygons: polygonsOf(geometry) })));
    atlases.set(resolution, atlas);
  }
  return atlas;
}

/** A country's polygons: one, or each of a MultiPolygon's. */
function polygonsOf(geometry: Geometry | null): Position[][][] {
  return geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : [];
}

function flatAtlas(countries: { name: string; polygons: Position[][][] }[]): Atlas {
  const polygons = countries.flatMap((country) => country.polygons);
  const rings = polygons.flat();
  const atlas: Atlas = {
    names: countries.map((country) => country.name),
    parts: offsets(countries.map((country) => country.polygons.length)),
    rings: offsets(polygons.map((polygon) => polygon.length)),
    starts: offsets(rings.map((ring) => 2 * ring.length)),
    points: Float64Array.from(rings.flatMap((ring) => ring.flatMap(([lon, lat]) => [lon!, lat!]))),
    boxes: new Float64Array(4 * polygons.length),
  };
  polygons.forEach((_, p) => atlas.boxes.set(boxOf(atlas, p).flat(), 4 * p));
  return atlas;
}

/** Where each of a run of items starts, given their lengths, and where the last ends. */
function offsets(lengths: number[]): Uint32Array {
  const starts = new Uint32Array(lengths.length + 1);
  lengths.forEach((length, i) => (starts[i + 1] = starts[i]! + length));
  return starts;
}

/** A polygon's points as GeoJSON has them, for d3: made only for the polygons a map shows. */
function polygonCoordinates({ rings, starts, points }: Atlas, p: number): Position[][] {
  const polygon: Position[][] = [];
  for (let r = rings[p]!; r < rings[p + 1]!; r++) {
    const ring: Position[] = [];
    for (let i = starts[r]!; i < starts[r + 1]!; i += 2) ring.push([points[i]!, points[i + 1]!]);
    polygon.push(ring);
  }
  return polygon;
}

/** A polygon's box from its points (one across the antimeridian spans every longitude). */
function boxOf({ rings, starts, points }: Atlas, p: number): Box {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (let i = starts[rings[p]!]!; i < starts[rings[p + 1]!]!; i += 2) {
    const [lon, lat] = [points[i]!, points[i + 1]!];
    [w, s, e, n] = [Math.min(w, lon), Math.min(s, lat), Math.max(e, lon), Math.max(n, lat)];
  }
  // Great-circle edges bulge a little beyond their end points: a degree of slack.
  return [[w - 1, s - 1], [e + 1, n + 1]];
}

/** Each country with a polygon whose box (west, south, east, north) `shows` takes, with those polygons. */
function countriesShown(atlas: Atlas, shows: (w: number, s: number, e: number, n: number) => boolean): { name: string; polygons: Position[][][] }[] {
  const { names, parts, boxes } = atlas;
  return names
    .map((name, c) => {
      const polygons: Position[][][] = [];
      for (let p = parts[c]!; p < parts[c + 1]!; p++) {
        if (shows(boxes[4 * p]!, boxes[4 * p + 1]!, boxes[4 * p + 2]!, boxes[4 * p + 3]!)) polygons.push(polygonCoordinates(atlas, p));
      }
      return { name, polygons };
    })
    .filter(({ polygons }) => polygons.length > 0);
}

/** A closed outline: its points, in map units (points), to a tenth. */
export type Ring = { x: number; y: number }[];

/** A map's parts: the sea, the countries' outlines, and the names and markers drawn over them. */
export interface MapDrawing {
  width: number;
  height: number;
  /** Each country in the frame: its outlines (several for islands, holes, or where the frame cuts it). */
  borders: Ring[][];
  /** SVG elements: country names, then the numbered markers. */
  overlay: string;
}

export const MAP_COLOURS = { sea: '#dce6ef', land: '#eef1f4', border: '#8a96a3' };
export const BORDER_WIDTH = 0.6;

/** The map as one SVG document (the HTML report shows it as is). */
export function mapSvg(markers: MapMarker[], width: number, height: number): string {
  const map = drawMap(markers, width, height);
  const borders = map.borders.map((rings) => `<path d="${pathData(rings)}" fill="${MAP_COLOURS.land}" stroke="${MAP_COLOURS.border}" stroke-width="${BORDER_WIDTH}"/>`).join('');
  return `${svgOpen(width, height)}<rect width="${width}" height="${height}" fill="${MAP_COLOURS.sea}"/>${borders}${map.overlay}</svg>`;
}

export const svgOpen = (width: number, height: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;

/** A map framing the markers with some context around them. */
export function drawMap(markers: MapMarker[], width: number, height: number): MapDrawing {
  const lats = markers.map((m) => m.lat);
  const lons = markers.map((m) => m.lon);
  // At least ~8 degrees across, so a single marker still shows its region.
  const pad = Math.max(4, (Math.max(...lons) - Math.min(...lons)) * 0.35, (Math.max(...lats) - Math.min(...lats)) * 0.35);
  const frame = {
    type: 'Feature' as const,
    properties: {},
    geometry: {
      type: 'MultiPoint' as const,
      // Within the world a Mercator map can show: beyond about 85 degrees of latitude it runs to infinity.
      coordinates: [
        [Math.max(-180, Math.min(...lons) - pad), Math.max(-80, Math.min(...lats) - pad)],
        [Math.min(180, Math.max(...lons) + pad), Math.min(84, Math.max(...lats) + pad)],
      ],
    },
  };
  // Clipped to the frame: countries outside it draw nothing, which keeps the SVG (and the PDF) small.
  // Borders' points are a few kilometres apart: their great-circle arcs are straight at this scale, so the projection
  // does not resample them, and points closer than the printer could show are dropped.
  const projection = geoMercator().fitExtent([[4, 4], [width - 4, height - 4]], frame).clipExtent([[0, 0], [width, height]]).precision(0);
  const drawn: GeoStreamWrapper = { stream: (output) => projection.stream(withoutCloserThan(MIN_POINT_DISTANCE, output)) };
  const outlines = outliner(drawn);
  const [[frameWest], [frameEast]] = frame.geometry.coordinates as [[number, number], [number, number]];
  const atlas = loadAtlas(frameEast - frameWest > 60 ? '110m' : '50m');
  // Only the polygons (of countries, islands, exclaves) whose box meets what the map shows are projected at all: the
  // map shows more than the frame on one side (its shape is the page's), and less than a country such as Russia.
  const [west, north] = projection.invert!([0, 0])!;
  const [east, south] = projection.invert!([width, height])!;
  // A map that runs past the antimeridian (its edges' longitudes come back wrapped) shows countries from the far
  // side there, and a map of the world may show more than 360 degrees: any longitude may show.
  const degreesAcross = ((width / projection.scale()) * 180) / Math.PI;
  const anyLongitude = !(west < east) || degreesAcross >= 360;
  const shows = (w: number, s: number, e: number, n: number) => (anyLongitude || (w <= east && e >= west)) && s <= north && n >= south;
  const shown = countriesShown(atlas, shows);
  const countryRings = shown.map(({ polygons }) => outlines({ type: 'MultiPolygon', coordinates: polygons }));
  const borders = countryRings.filter((rings) => rings.length > 0);
  // Markers at the same spot fan out so every number stays readable.
  const seen = new Map<string, number>();
  const pins = [...markers]
    .sort((a, b) => a.n - b.n)
    .map((m) => {
      const [x0, y0] = projection([m.lon, m.lat]) ?? [0, 0];
      const key = `${Math.round(x0 / 6)}:${Math.round(y0 / 6)}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      return { n: m.n, x: x0 + k * 13, y: y0 - (k > 0 ? 4 : 0) };
    });
  const pinBoxes = pins.map(({ x, y }): Box2 => [x - PIN_RADIUS, y - PIN_RADIUS, x + PIN_RADIUS, y + PIN_RADIUS]);
  const labels = placeLabels(shown.map(({ name }, i) => ({ name, ...centroidAndArea(countryRings[i]!) })), width, height, pinBoxes)
    .map(({ name, at }) => `<text x="${at[0].toFixed(1)}" y="${at[1].toFixed(1)}" font-size="${LABEL_SIZE}" fill="#7b8794" text-anchor="middle">${escapeXml(name)}</text>`)
    .join('');
  const drawnPins = pins
    .map(({ n, x, y }) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${PIN_RADIUS}" fill="#9b1c1c" stroke="#ffffff" stroke-width="0.8"/><text x="${x.toFixed(1)}" y="${(y + 2.7).toFixed(1)}" font-size="7.5" font-weight="bold" fill="#ffffff" text-anchor="middle">${n}</text>`)
    .join('');
  return { width, height, borders, overlay: `${labels}${drawnPins}` };
}

const LABEL_SIZE = 7;
const PIN_RADIUS = 6.5;
type Label = { name: string; at: [number, number]; area: number };
/** left, top, right, bottom */
type Box2 = [number, number, number, number];

const overlaps = (a: Box2, b: Box2) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Country names that fit: inside the map, on a country large enough to hold its name, clear of the markers and of
 * the names already placed, the largest countries first; a name a marker covers goes just below it, or above. A map
 * of a continent would otherwise print every small country's name over its neighbours'.
 */
function placeLabels(labels: Label[], width: number, height: number, taken: Box2[]): Label[] {
  const placed: Label[] = [];
  const boxes = [...taken];
  const byArea = [...labels].sort((a, b) => b.area - a.area || compareText(a.name, b.name));
  for (const label of byArea) {
    // About half an em a character, and the height of a line.
    const half = (label.name.length * LABEL_SIZE * 0.5) / 2;
    if (label.area < 2 * half * LABEL_SIZE) continue;
    for (const shift of [0, LABEL_SIZE + PIN_RADIUS, -(LABEL_SIZE + PIN_RADIUS)]) {
      const [x, y] = [label.at[0], label.at[1] + shift];
      const box: Box2 = [x - half, y - LABEL_SIZE, x + half, y + 2];
      const inside = box[0] > 4 && box[2] < width - 4 && box[1] > 4 && box[3] < height - 4;
      if (!inside || boxes.some((b) => overlaps(box, b))) continue;
      placed.push({ ...label, at: [x, y] });
      boxes.push(box);
      break;
    }
  }
  return placed;
}

/**
 * Where a country's name goes and the room it has: the centroid and area of its outlines as drawn (what d3's
 * path.centroid and path.area give for the same points, without projecting the country twice more).
 */
function centroidAndArea(rings: Ring[]): { at: [number, number]; area: number } {
  let [x2, y2, z2, signed] = [0, 0, 0, 0];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      const cross = a.x * b.y - b.x * a.y;
      x2 += (a.x + b.x) * cross;
      y2 += (a.y + b.y) * cross;
      z2 += cross * 3;
      signed += cross / 2;
    }
  }
  return { at: z2 ? [x2 / z2, y2 / z2] : [NaN, NaN], area: Math.abs(signed) };
}

/** Half a point (0.18 mm): the nearest two successive points of a border may be and both be drawn. */
const MIN_POINT_DISTANCE = 0.5;

/** A stream that passes on a line's points at least `distance` apart, and always its first and last. */
function withoutCloserThan(distance: number, output: GeoStream): GeoStream {
  const squared = distance * distance;
  let last: [number, number] | null = null;
  let skipped: [number, number] | null = null;
  return {
    point(x, y) {
      if (last && (x - last[0]) ** 2 + (y - last[1]) ** 2 < squared) {
        skipped = [x, y];
        return;
      }
      output.point(x, y);
      last = [x, y];
      skipped = null;
    },
    lineStart() {
      last = skipped = null;
      output.lineStart();
    },
    lineEnd() {
      if (skipped) output.point(...skipped);
      output.lineEnd();
    },
    polygonStart: () => output.polygonStart(),
    polygonEnd: () => output.polygonEnd(),
    sphere: () => output.sphere?.(),
  };
}

/** Draws each country's outlines as rings of points, through the map's projection. */
function outliner(projection: GeoStreamWrapper): (country: GeoPermissibleObjects) => Ring[] {
  let rings: Ring[] = [];
  let ring: Ring = [];
  // A tenth of a point: finer than print shows, and shorter numbers in the PDF.
  const at = (x: number, y: number) => ({ x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 });
  const path = geoPath(projection, {
    beginPath: () => undefined,
    moveTo: (x, y) => rings.push((ring = [at(x, y)])),
    lineTo: (x, y) => ring.push(at(x, y)),
    closePath: () => undefined, // every ring of a country is closed
    arc: () => undefined, // drawn for points, which countries are not
  });
  return (country) => {
    rings = [];
    path(country);
    return rings.filter((r) => r.length > 2);
  };
}

/** SVG path data for closed outlines. */
function pathData(rings: Ring[]): string {
  return rings.map((ring) => `M${ring.map((p) => `${p.x},${p.y}`).join('L')}Z`).join('');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
