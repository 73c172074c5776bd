import type { Team } from '../../api/teams';

/**
 * What the person's role may do on the board and its workflow, as the server's access matrix
 * says (board.move: product owner, scrum master, developer; sprint.manage, which edits the
 * workflow: product owner, scrum master). Its own module: the workflow editor's chunk must not
 * pull in the board's drag and drop.
 */
export function boardPermissions(role: Team['myRole']) {
  const manage = role === 'scrum_master' || role === 'product_owner';
  return { move: manage || role === 'developer', workflow: manage };
}
