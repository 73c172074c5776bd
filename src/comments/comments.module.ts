import { Module } from '@nestjs/common';
import { BacklogModule } from '../backlog/backlog.module';
import { ImpedimentSubjectsModule } from '../ceremony/impediment-subjects.module';
import { IdentityModule } from '../identity/identity.module';
import { CommentsAccess } from './comments-access';
import { CommentsController, TargetCommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

/**
 * Comments on backlog items and impediments (Markdown, sanitized HTML, mentions, revisions).
 * Reaches the backlog and the ceremonies only through their exported services.
 */
@Module({
  imports: [IdentityModule, BacklogModule, ImpedimentSubjectsModule],
  controllers: [TargetCommentsController, CommentsController],
  providers: [CommentsAccess, CommentsRepository, CommentsService],
})
export class CommentsModule {}
