import { reviewKeys } from '../api/review';
import { invalidate, registerLiveReducers } from './registry';

// A review's decisions and feedback are small: every review event reads the team's reviews again.
const reviews = invalidate((e) => reviewKeys.all(e.teamId));
registerLiveReducers({
  'sprint_review.created': reviews,
  'sprint_review.item_decided': reviews,
  'sprint_review.feedback_added': reviews,
  'sprint_review.feedback_converted': reviews,
});
