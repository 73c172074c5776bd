import type { MigrationInterface } from 'typeorm';
import { Identity1795800000000 } from './1795800000000-Identity';
import { Backlog1795800100000 } from './1795800100000-Backlog';
import { Webhooks1795800200000 } from './1795800200000-Webhooks';
import { Sprint1795800300000 } from './1795800300000-Sprint';
import { Idempotency1795800400000 } from './1795800400000-Idempotency';
import { SprintReportIndex1795800450000 } from './1795800450000-SprintReportIndex';
import { Ceremony1795800500000 } from './1795800500000-Ceremony';
import { Poker1795800550000 } from './1795800550000-Poker';
import { Retrospective1795800600000 } from './1795800600000-Retrospective';
import { TeamVocabulary1795800900000 } from './1795800900000-TeamVocabulary';
import { CeremonyLinks1795800950000 } from './1795800950000-CeremonyLinks';
import { WorkingCalendar1795801000000 } from './1795801000000-WorkingCalendar';
import { TeamDefaultColumns1795801150000 } from './1795801150000-TeamDefaultColumns';
import { DropItemStatusTrigger1795801160000 } from './1795801160000-DropItemStatusTrigger';
import { Comments1795801220000 } from './1795801220000-Comments';
import { MailOutbox1795801300000 } from './1795801300000-MailOutbox';
import { PasswordResets1795801310000 } from './1795801310000-PasswordResets';
import { Notifications1795801400000 } from './1795801400000-Notifications';
import { WebhookLeases1795801520000 } from './1795801520000-WebhookLeases';
import { Imports1795801600000 } from './1795801600000-Imports';

type MigrationClass = new () => MigrationInterface;

/**
 * Every migration, oldest first. Migrations are reviewed SQL: `npm run migration:create --
 * migrations/<Name>` writes the file; add its class here (a unit test fails when a file in this
 * folder is not listed).
 */
export const migrations: MigrationClass[] = [
  Identity1795800000000,
  Backlog1795800100000,
  Webhooks1795800200000,
  Sprint1795800300000,
  Idempotency1795800400000,
  SprintReportIndex1795800450000,
  Ceremony1795800500000,
  Poker1795800550000,
  Retrospective1795800600000,
  TeamVocabulary1795800900000,
  CeremonyLinks1795800950000,
  WorkingCalendar1795801000000,
  TeamDefaultColumns1795801150000,
  DropItemStatusTrigger1795801160000,
  Comments1795801220000,
  MailOutbox1795801300000,
  PasswordResets1795801310000,
  Notifications1795801400000,
  WebhookLeases1795801520000,
  Imports1795801600000,
];
