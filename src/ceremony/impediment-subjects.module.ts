import { Module } from '@nestjs/common';
import { ImpedimentSubjects } from './impediment-subjects.service';

/** Just the team of an impediment, for comments; loads nothing else of the ceremonies. */
@Module({ providers: [ImpedimentSubjects], exports: [ImpedimentSubjects] })
export class ImpedimentSubjectsModule {}
