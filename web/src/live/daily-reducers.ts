import { dailyKeys } from '../api/daily';
import { invalidate, registerLiveReducers } from './registry';

// The day's answers and the impediments list are read again: an answer posted changes the
// "not yet" list too, and an impediment's place in the list depends on its status.
registerLiveReducers({
  'daily_scrum.entry_posted': (event, queryClient) =>
    void queryClient.invalidateQueries({
      queryKey: dailyKeys.day(event.teamId, event.data.date),
    }),
  'impediment.raised': invalidate((e) => dailyKeys.impediments(e.teamId)),
  'impediment.updated': invalidate((e) => dailyKeys.impediments(e.teamId)),
});
