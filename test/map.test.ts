// The events map: a region's borders around the markers, and a whole world's when the events span it.
import { describe, expect, it } from 'vitest';
import { mapSvg } from '../src/render/map.js';

const marker = (n: number, lat: number, lon: number) => ({ n, lat, lon, name: `place ${n}` });

describe('the events map', () => {
  it('frames a region with its neighbours named', () => {
    const svg = mapSvg([marker(1, 33.3, 44.4), marker(2, 36.2, 37.2)], 480, 300);
    expect(svg).toContain('>Iraq<');
    expect(svg).toContain('>Syria<');
    expect(svg).not.toContain('NaN');
  });

  it('draws every marker, and no broken path, when the events span the world', () => {
    // Padding around markers from Haiti to Kyiv to the South Atlantic would pass the poles: the frame stops short.
    const markers = [marker(1, 18.5, -72.3), marker(2, 50.4, 30.5), marker(3, -34.6, -58.4), marker(4, 64.1, -21.9), marker(5, -41.3, 174.8)];
    const svg = mapSvg(markers, 480, 300);
    expect(svg).not.toContain('NaN');
    for (const d of svg.match(/ d="[^"]*"/g) ?? []) expect(d).toMatch(/^ d="M-?\d/);
    for (const m of markers) expect(svg).toContain(`>${m.n}</text>`);
    expect(svg).toContain('>Brazil<');
  });

  it('names only countries with room for their names, none over another name or a marker', () => {
    // Europe to the Gulf: dozens of countries in frame, many too small to hold their names at this scale.
    const markers = [marker(1, 48.9, 2.3), marker(2, 50.4, 30.5), marker(3, 33.3, 44.4), marker(4, 36.2, 37.2), marker(5, 25.3, 51.5)];
    const svg = mapSvg(markers, 480, 300);
    const names = [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" font-size="7" [^>]*>([^<]+)</g)].map(([, x, y, name]) => ({ x: Number(x), y: Number(y), name: name! }));
    const pins = [...svg.matchAll(/<circle cx="([\d.-]+)" cy="([\d.-]+)" r="([\d.]+)"/g)].map(([, x, y, r]) => ({ x: Number(x), y: Number(y), r: Number(r) }));
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['Turkey', 'Iran', 'Ukraine', 'France']));
    expect(names.map((n) => n.name)).not.toContain('Luxembourg');
    // A name's box: about half an em a character wide, a line high, its anchor at the middle of its baseline.
    const box = ({ x, y, name }: { x: number; y: number; name: string }) => [x - name.length * 1.75, y - 7, x + name.length * 1.75, y + 2];
    const overlap = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
    for (const [i, a] of names.entries()) {
      for (const b of names.slice(i + 1)) expect(overlap(box(a), box(b)), `${a.name} / ${b.name}`).toBe(false);
      for (const pin of pins) expect(overlap(box(a), [pin.x - pin.r, pin.y - pin.r, pin.x + pin.r, pin.y + pin.r]), `${a.name} / marker`).toBe(false);
    }
  });
});
