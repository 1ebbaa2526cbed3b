import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { todayInBrussels } from '../format';
import { t } from '../i18n';
import type { ObjectSchema } from './SchemaForm';

/** A value to pick for an id field (`x-pick` in its schema), with its Dutch label. */
export interface PickOption {
  value: string;
  label: string;
}
export type Picks = Partial<Record<PickSource, PickOption[]>>;
export type PickSource = 'loi-place' | 'dossier-party' | 'ocmw';
const SOURCES: readonly string[] = ['loi-place', 'dossier-party', 'ocmw'] satisfies PickSource[];

const sourcesOf = (schemas: (ObjectSchema | undefined)[]): Set<PickSource> =>
  new Set(schemas.flatMap((schema) => Object.values(schema?.properties ?? {})).map((s) => s['x-pick']).filter((p): p is PickSource => p !== undefined && SOURCES.includes(p)));

/**
 * The lists the schema's id fields are picked from, read once per form: the team's LOI places (code, address and the
 * beds free today; a place that closes or is full is still listed, the workflow refuses what does not fit) and the
 * parties linked to the dossier (current links of active parties, with their role); the OCMWs of the directory by
 * name, this OCMW marked (a municipality's NIS code is its OCMW's). A list that cannot be read
 * leaves the field a text input.
 */
export function usePicks(schemas: ObjectSchema | (ObjectSchema | undefined)[] | undefined, dossierId: string | undefined, version = 0): Picks {
  const [picks, setPicks] = useState<Picks>({});
  const key = [...sourcesOf(Array.isArray(schemas) ? schemas : [schemas])].sort().join(',');
  useEffect(() => {
    const wanted = new Set(key.split(',').filter(Boolean));
    let live = true;
    const today = todayInBrussels();
    void (async () => {
      const out: Picks = {};
      if (wanted.has('loi-place')) {
        const { data } = await api.GET('/loi/places', { params: { query: { month: today.slice(0, 7) } } });
        if (data) {
          out['loi-place'] = data.items
            .filter((p) => !p.closesOn || p.closesOn >= today)
            .map((p) => {
              const day = p.perDay.find((d) => d.day === today);
              const free = day ? (day.free ?? 0) : p.capacity;
              return { value: p.id, label: t.picks.place(p.code, p.address ?? '', free, p.capacity) };
            });
        }
      }
      if (wanted.has('dossier-party') && dossierId) {
        const { data } = await api.GET('/dossiers/{id}/parties', { params: { path: { id: dossierId } } });
        if (data) {
          out['dossier-party'] = data.items
            .filter((l) => !l.endedAt && l.party.active !== false)
            .map((l) => ({ value: l.party.id, label: t.picks.party(l.party.name, l.roleLabel) }));
        }
      }
      if (wanted.has('ocmw')) {
        const { data } = await api.GET('/ocmws');
        if (data) out.ocmw = data.items.map((o) => ({ value: o.nisCode, label: t.picks.ocmw(o.name, o.nisCode, o.self) }));
      }
      if (live) setPicks(out);
    })();
    return () => {
      live = false;
    };
  }, [key, dossierId, version]);
  return picks;
}
