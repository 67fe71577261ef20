/** Who may open the leaders' overview screen: the server's own list. */
export { OVERVIEW_ROLES } from '@shared/roles';
