import { Module } from '@nestjs/common';
import { BacklogModule } from '../../backlog/backlog.module';
import { IdentityModule } from '../../identity/identity.module';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/** Sprint reviews: decisions on demonstrated items, stakeholder feedback, feedback → backlog. */
@Module({
  imports: [IdentityModule, BacklogModule],
  controllers: [ReviewController],
  providers: [ReviewRepository, ReviewService],
})
export class ReviewModule {}
