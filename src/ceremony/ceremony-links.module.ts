import { Module } from '@nestjs/common';
import { CeremonyLinks } from './ceremony-links.service';

/** Just the link check, so poker, review and retrospectives need not load the calendar. */
@Module({ providers: [CeremonyLinks], exports: [CeremonyLinks] })
export class CeremonyLinksModule {}
