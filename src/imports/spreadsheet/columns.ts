import type { ItemStatus, ItemType } from '../../backlog/backlog.events';

/** What a column of a spreadsheet can become; `ignore` leaves it out. */
export const COLUMN_FIELDS = [
  'id',
  'title',
  'description',
  'type',
  'estimate',
  'labels',
  'assignee',
  'status',
  'epic',
  'ignore',
] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];
export type Mapping = Record<string, ColumnField>;

/** Lower case, accents off, punctuation to spaces: "N°", "Attività " and "attivita" meet. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Headers as Italian offices and English tools write them (after normalize). */
const HEADERS: Record<Exclude<ColumnField, 'ignore'>, string[]> = {
  id: [
    'id',
    'codice',
    'cod',
    'n',
    'nr',
    'n o',
    'numero',
    'num',
    'key',
    'chiave',
    'rif',
    'riferimento',
    'protocollo',
    'issue key',
    'issue id',
  ],
  title: [
    'titolo',
    'title',
    'oggetto',
    'summary',
    'sommario',
    'nome',
    'name',
    'pratica',
    'attivita',
    'descrizione breve',
    'task',
  ],
  description: [
    'descrizione',
    'description',
    'note',
    'dettagli',
    'details',
    'notes',
    'descrizione estesa',
  ],
  type: ['tipo', 'type', 'tipologia', 'issue type', 'tipo attivita', 'categoria item'],
  estimate: [
    'stima',
    'punti',
    'story points',
    'story point',
    'points',
    'estimate',
    'sp',
    'punteggio',
    'story point estimate',
  ],
  labels: ['etichette', 'etichetta', 'labels', 'label', 'tag', 'tags', 'categoria', 'categorie'],
  assignee: [
    'assegnatario',
    'assegnato a',
    'responsabile',
    'assignee',
    'assigned to',
    'email',
    'e mail',
    'incaricato',
    'referente',
    'owner',
    'email assegnatario',
  ],
  status: ['stato', 'status', 'state', 'situazione'],
  epic: [
    'epica',
    'epic',
    'epic link',
    'parent',
    'padre',
    'progetto',
    'macro attivita',
    'obiettivo',
  ],
};

/**
 * The field of each header, guessed from its name; a header seen twice, or a field already
 * taken by an earlier column, is ignored. `overrides` (header → field) win over the guess.
 */
export function guessMapping(header: string[], overrides: Mapping = {}): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<ColumnField>(
    Object.values(overrides).filter((field) => field !== 'ignore'),
  );
  for (const name of header) {
    if (name in mapping) continue;
    if (name in overrides) {
      mapping[name] = overrides[name];
      continue;
    }
    const key = normalize(name);
    const field = (Object.keys(HEADERS) as Exclude<ColumnField, 'ignore'>[]).find(
      (candidate) => !taken.has(candidate) && HEADERS[candidate].includes(key),
    );
    mapping[name] = field ?? 'ignore';
    if (field) taken.add(field);
  }
  return mapping;
}

const TYPES: Record<string, ItemType> = {
  story: 'story',
  storia: 'story',
  'user story': 'story',
  pratica: 'story',
  richiesta: 'story',
  requisito: 'story',
  bug: 'bug',
  difetto: 'bug',
  anomalia: 'bug',
  errore: 'bug',
  segnalazione: 'bug',
  task: 'task',
  attivita: 'task',
  compito: 'task',
  'sub task': 'task',
  subtask: 'task',
  adempimento: 'task',
  epic: 'epic',
  epica: 'epic',
  progetto: 'epic',
  spike: 'spike',
  ricerca: 'spike',
  approfondimento: 'spike',
  studio: 'spike',
};

const STATUSES: Record<string, ItemStatus> = {
  todo: 'todo',
  'to do': 'todo',
  'da fare': 'todo',
  aperto: 'todo',
  aperta: 'todo',
  nuovo: 'todo',
  nuova: 'todo',
  open: 'todo',
  new: 'todo',
  backlog: 'todo',
  'da iniziare': 'todo',
  'non iniziato': 'todo',
  'in corso': 'in_progress',
  'in lavorazione': 'in_progress',
  'in progress': 'in_progress',
  doing: 'in_progress',
  'in esame': 'in_progress',
  'in istruttoria': 'in_progress',
  avviato: 'in_progress',
  avviata: 'in_progress',
  fatto: 'done',
  fatta: 'done',
  completato: 'done',
  completata: 'done',
  chiuso: 'done',
  chiusa: 'done',
  concluso: 'done',
  conclusa: 'done',
  done: 'done',
  closed: 'done',
  resolved: 'done',
  evaso: 'done',
  evasa: 'done',
  terminato: 'done',
};

export function typeOf(value: string): ItemType | undefined {
  return TYPES[normalize(value)];
}

export function statusOf(value: string): ItemStatus | undefined {
  return STATUSES[normalize(value)];
}

/** "3", "0,5" (Italian decimal comma) or "0.5"; undefined when it is not a number. */
export function numberOf(value: string): number | undefined {
  const text = value.replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** A cell of labels: "tributi, urgente" or "tributi; urgente". */
export function labelsOf(value: string): string[] {
  const names = value
    .split(/[,;|]/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}
