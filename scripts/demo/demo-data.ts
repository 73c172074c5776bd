/**
 * The demo world: the Unione Tresinaro Secchia (six towns of the province of Reggio Emilia)
 * and its offices. People are named by their office and role, never after real people.
 */
import type { TeamRole } from '../../src/identity/access/permissions';

export const DEMO_DOMAIN = 'demo.tresinarosecchia.example';
/** Passes the zxcvbn policy (score ≥ 3) and shares nothing with the emails or names. */
export const DEMO_PASSWORD = 'Lanterna-Colline-Pioppi-2026';

export const ADMIN = { email: `ced@${DEMO_DOMAIN}`, name: 'Servizio Informatico (demo)' };

export const WORKSPACES = [
  'Unione Tresinaro Secchia',
  'Comune di Baiso',
  'Comune di Casalgrande',
  'Comune di Castellarano',
  'Comune di Rubiera',
  'Comune di Scandiano',
  'Comune di Viano',
] as const;

export interface DemoPerson {
  email: string;
  name: string;
  role: TeamRole;
}

export interface DemoItem {
  title: string;
  estimate?: number;
  type?: 'story' | 'bug' | 'task';
  description?: string;
}

export interface DemoEpic {
  title: string;
  description: string;
  items: DemoItem[];
}

export interface DemoTeam {
  key: 'tributi' | 'scuola' | 'anagrafe' | 'ced';
  workspace: (typeof WORKSPACES)[number];
  name: string;
  process: 'scrum' | 'kanban';
  vocabulary?: Record<string, string>;
  people: DemoPerson[];
  epics: DemoEpic[];
}

const person = (key: string, office: string, role: TeamRole, label: string): DemoPerson => ({
  email: `${role.replace('_', '-')}.${key}@${DEMO_DOMAIN}`,
  name: `${label} ${office} (demo)`,
  role,
});

export const TEAMS: DemoTeam[] = [
  {
    key: 'tributi',
    workspace: 'Comune di Scandiano',
    name: 'Ufficio Tributi',
    process: 'scrum',
    vocabulary: {
      sprint: 'Ciclo di lavoro',
      sprints: 'Cicli di lavoro',
      story: 'Pratica',
      stories: 'Pratiche',
      storyPoints: 'Punti',
    },
    people: [
      person('tributi', 'Tributi', 'product_owner', 'Responsabile'),
      person('tributi', 'Tributi', 'scrum_master', 'Facilitatore'),
      person('tributi', 'Tributi', 'developer', 'Istruttore'),
      {
        ...person('tributi', 'Tributi', 'developer', 'Operatrice'),
        email: `developer2.tributi@${DEMO_DOMAIN}`,
      },
      person('tributi', 'Bilancio', 'stakeholder', 'Assessorato'),
    ],
    epics: [
      {
        title: 'Sportello IMU online',
        description: 'I contribuenti calcolano e pagano IMU senza venire allo sportello.',
        items: [
          { title: 'Calcolatore IMU con rendita catastale precompilata', estimate: 8 },
          { title: 'Modello F24 scaricabile dal calcolatore', estimate: 5 },
          { title: 'Pagina delle aliquote IMU aggiornata per il 2026', estimate: 2 },
          { title: 'Guida passo passo per le seconde case', estimate: 3 },
          { title: 'Prenotazione appuntamento per i casi complessi', estimate: 5 },
        ],
      },
      {
        title: 'TARI più semplice',
        description: 'Meno code e meno errori nelle dichiarazioni TARI.',
        items: [
          { title: 'Modulo online di variazione TARI', estimate: 5 },
          { title: 'Riduzione per compostaggio domestico: istruttoria', estimate: 3 },
          { title: 'Avvisi di pagamento via PEC per le imprese', estimate: 8 },
          { title: 'Errore nel calcolo dei componenti del nucleo', estimate: 2, type: 'bug' },
          { title: 'Elenco utenze non domestiche da bonificare', estimate: 3, type: 'task' },
        ],
      },
      {
        title: 'Recupero evasione',
        description: 'Accertamenti più rapidi e rateizzazioni chiare.',
        items: [
          { title: 'Incrocio dati catastali e anagrafe per gli accertamenti', estimate: 13 },
          { title: 'Piano di rateizzazione calcolato online', estimate: 5 },
          { title: 'Lettera di sollecito più chiara', estimate: 2 },
          { title: 'Cruscotto mensile degli incassi per la Giunta', estimate: 8 },
          { title: 'Archivio digitale degli avvisi notificati', estimate: 5 },
          { title: 'Modello unico di istanza di autotutela', estimate: 3 },
          { title: 'FAQ tributi sul sito del Comune', estimate: 1 },
        ],
      },
    ],
  },
  {
    key: 'ced',
    workspace: 'Unione Tresinaro Secchia',
    name: 'Servizio Informatico Associato',
    process: 'scrum',
    people: [
      person('ced', 'Servizio Informatico', 'product_owner', 'Responsabile'),
      person('ced', 'Servizio Informatico', 'scrum_master', 'Coordinatore'),
      person('ced', 'Servizio Informatico', 'developer', 'Tecnico'),
    ],
    epics: [
      {
        title: 'Lavoro agile nei sei Comuni',
        description: 'Strumenti per il lavoro da remoto del personale della Unione.',
        items: [
          { title: 'VPN per il personale in lavoro agile', estimate: 8 },
          { title: 'Cartelle condivise per i progetti tra Comuni', estimate: 5 },
          { title: 'Sale per videochiamate in ogni municipio', estimate: 3 },
          { title: 'Formazione sugli strumenti di collaborazione', estimate: 5, type: 'task' },
        ],
      },
    ],
  },
  {
    key: 'scuola',
    workspace: 'Comune di Casalgrande',
    name: 'Servizi Scolastici',
    process: 'kanban',
    people: [
      person('scuola', 'Servizi Scolastici', 'product_owner', 'Responsabile'),
      person('scuola', 'Servizi Scolastici', 'scrum_master', 'Coordinatrice'),
      person('scuola', 'Servizi Scolastici', 'developer', 'Istruttrice'),
    ],
    epics: [
      {
        title: 'Iscrizioni e servizi',
        description: 'Mensa, trasporto e pre-scuola per le famiglie.',
        items: [
          { title: 'Iscrizioni online alla mensa scolastica', estimate: 5 },
          { title: 'Domande di trasporto scolastico', estimate: 3 },
          { title: 'Esenzioni ISEE per la mensa', estimate: 3 },
          { title: 'Menù per diete speciali', estimate: 2 },
          { title: 'Iscrizioni al pre-scuola', estimate: 2 },
          { title: 'Rimborsi per pasti non consumati', estimate: 3 },
        ],
      },
    ],
  },
  {
    key: 'anagrafe',
    workspace: 'Comune di Rubiera',
    name: 'Anagrafe e Stato Civile',
    process: 'kanban',
    people: [
      person('anagrafe', 'Anagrafe', 'product_owner', 'Responsabile'),
      person('anagrafe', 'Anagrafe', 'scrum_master', 'Coordinatore'),
      person('anagrafe', 'Anagrafe', 'developer', 'Ufficiale'),
      person('anagrafe', 'Segreteria del Sindaco', 'stakeholder', 'Referente'),
    ],
    epics: [
      {
        title: 'Sportello anagrafico',
        description: 'Certificati e carte d’identità con meno attese.',
        items: [
          { title: 'Prenotazione online della carta d’identità elettronica', estimate: 5 },
          { title: 'Cambio di residenza online', estimate: 8 },
          { title: 'Certificati anagrafici dal portale nazionale', estimate: 3 },
          { title: 'Pubblicazioni di matrimonio digitali', estimate: 3 },
          { title: 'Agenda condivisa delle celebrazioni', estimate: 2 },
          { title: 'Statistiche mensili della popolazione', estimate: 2, type: 'task' },
        ],
      },
    ],
  },
];
