import { Module } from '@nestjs/common';
import { CeremonyLinksModule } from '../ceremony-links.module';
import { BacklogModule } from '../../backlog/backlog.module';
import { IdentityModule } from '../../identity/identity.module';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/** Sprint reviews: decisions on demonstrated items, stakeholder feedback, feedback → backlog. */
@Module({
  imports: [IdentityModule, BacklogModule, CeremonyLinksModule],
  controllers: [ReviewController],
  providers: [ReviewRepository, ReviewService],
  exports: [ReviewService],
})
export class ReviewModule {}
