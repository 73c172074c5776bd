import { teamKeys } from '../../api/keys';
import { invalidate, registerLiveReducers } from '../../live/registry';

// An accepted invitation leaves the pending list: the event is the new member's, so the list
// of those who manage members is refreshed with it.
registerLiveReducers({
  'team.member_added': invalidate((e) => teamKeys.invitations(e.teamId)),
});
