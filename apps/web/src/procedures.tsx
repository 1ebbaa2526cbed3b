import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api } from './api/client';
import type { paths } from './api/schema';

type ProcedureList = paths['/procedures']['get']['responses']['200']['content']['application/json'];
export type Procedure = ProcedureList['items'][number];

/**
 * The procedure definitions (GET /procedures), loaded once per sign-in: Dutch titles, status labels and task titles
 * come from there, never from codes written into the screens.
 */
export class Catalogue {
  constructor(private readonly byName: Map<string, Procedure>) {}
  get all(): Procedure[] {
    return [...this.byName.values()];
  }
  title(name: string): string {
    return this.byName.get(name)?.title ?? name;
  }
  statusLabel(procedure: string, code: string): string {
    return this.byName.get(procedure)?.statuses.find((s) => s.code === code)?.label ?? code;
  }
  /** A task's Dutch title: from its procedure, or (a task list names no procedure) the first one with that kind. */
  taskTitle(task: { procedure?: string; kind: string; title: string }): string {
    const candidates = task.procedure ? [this.byName.get(task.procedure)] : this.all;
    for (const p of candidates) {
      const title = p?.taskKinds.find((k) => k.kind === task.kind)?.title;
      // A task about a party (a maintenance debtor) has the party's name after its kind's title: kept.
      if (title) return task.title.startsWith(`${title}: `) ? task.title : title;
    }
    return task.title;
  }
  get(name: string): Procedure | undefined {
    return this.byName.get(name);
  }
}

const CatalogueContext = createContext<Catalogue | null>(null);

export function CatalogueProvider({ children }: { children: ReactNode }) {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  useEffect(() => {
    void api.GET('/procedures').then(({ data }) => setCatalogue(new Catalogue(new Map((data?.items ?? []).map((p) => [p.name, p])))));
  }, []);
  return <CatalogueContext.Provider value={catalogue}>{children}</CatalogueContext.Provider>;
}

/** The catalogue, or null while it loads. */
export const useCatalogue = () => useContext(CatalogueContext);
