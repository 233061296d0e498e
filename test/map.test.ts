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
});
