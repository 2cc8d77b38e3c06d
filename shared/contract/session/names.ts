export const SESSION_CALLS = ['sessionInfo', 'login', 'logout', 'lockSession', 'listUsers', 'saveUser'] as const
export const SESSION_EVENTS = ['sessionChanged'] as const
