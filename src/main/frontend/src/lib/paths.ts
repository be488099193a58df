/** Client-side routes, built in one place so links and the router agree. */
export const paths = {
  overview: () => '/',
  room: (name: string) => `/rooms/${encodeURIComponent(name)}`,
  sessions: (room?: string) => (room ? `/sessions?room=${encodeURIComponent(room)}` : '/sessions'),
  session: (sid: string) => `/sessions/${encodeURIComponent(sid)}`,
  events: () => '/events',
  webhooks: () => '/webhooks',
};
