// Reports of one event from several articles -> one event: where it is placed and which paragraphs it cites.
import { describe, expect, it } from 'vitest';
import { clusterEvents } from '../src/extract/events/cluster.js';
import type { EventCandidate } from '../src/extract/events/candidates.js';
import type { EventType } from '../src/extract/knowledge.js';
import { emptyAliases } from '../src/extract/aliases.js';
import type { Place } from '../src/types.js';

const attack: EventType = { id: 'attack', label: 'Attack', group: 'Battles', generic: false, triggerWords: 'attacked', triggers: /\battacked\b/i };
const town = (name: string, lat: number | null = 33.1): Place => ({ name, country: 'Iraq', lat, lon: lat === null ? null : 44.2 });
const country: Place = { name: 'Iraq', country: 'Iraq', lat: null, lon: null };

/** A dated report of an attack on 2024-02-02 in `document`'s paragraph `paragraph`, at `place`. */
function report(document: string, paragraph: number, place: Place | null, sentence = `Gunmen attacked a checkpoint (${document}).`): EventCandidate {
  return { document, paragraph, sentence, type: attack, date: '2024-02-02', dateEnd: '2024-02-02', precision: 'day', dated: true, lead: false, place, actors: [], casualties: [] };
}

describe('clusterEvents', () => {
  it('places an event where most of its reports place it, a named place rather than the whole country', () => {
    const events = clusterEvents([report('a', 1, country), report('b', 1, town('Hit')), report('c', 1, town('Anah', 33.15)), report('d', 1, town('Anah', 33.15))], emptyAliases);
    expect(events).toHaveLength(1);
    expect(events[0]!.location?.name).toBe('Anah');
  });

  it('of places given as often, keeps the one given first, and prefers one with coordinates', () => {
    const tie = clusterEvents([report('a', 1, town('Hit')), report('b', 1, town('Anah', 33.15))], emptyAliases);
    expect(tie[0]!.location?.name).toBe('Hit');
    const unmapped = clusterEvents([report('a', 1, town('Hit', null)), report('b', 1, town('Anah'))], emptyAliases);
    expect(unmapped[0]!.location?.name).toBe('Anah');
  });

  it('cites each paragraph once, in article then paragraph order', () => {
    const reports = [report('b', 4, town('Hit')), report('a', 7, town('Hit')), report('b', 2, town('Hit')), report('a', 7, town('Hit'), 'Gunmen attacked it again.')];
    const [event] = clusterEvents(reports, emptyAliases);
    expect(event!.sources).toEqual([{ document: 'a', paragraph: 7 }, { document: 'b', paragraph: 2 }, { document: 'b', paragraph: 4 }]);
  });

  it('sums an event up in the reporter’s words rather than in a quote, however it is spaced', () => {
    const quoted = report('a', 1, town('Hit'), '  “Gunmen attacked the checkpoint at dawn,” he said. ');
    const plain = report('b', 1, town('Hit'), 'Gunmen attacked the checkpoint at dawn, police said.');
    expect(clusterEvents([quoted, plain], emptyAliases)[0]!.summary).toBe('Gunmen attacked the checkpoint at dawn, police said.');
  });
});
