import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export interface Credentials {
  username: string;
  password: string;
}

export const SSO_LOGIN_PATH = '/api/auth/oidc/login';

export function useCurrentUser() {
  return useQuery(queryKeys.auth.me());
}

export function useAuthMode() {
  return useQuery(queryKeys.auth.mode());
}

/** Signs in; on success every cached answer (the 401s included) is fetched again. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => apiClient.post('/api/auth/login', credentials),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Signs out; nothing fetched while signed in is kept, and `me` turns to 401, which shows the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post('/api/auth/logout'),
    onSettled: async () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.auth.all[0] });
      await queryClient.invalidateQueries({ queryKey: queryKeys.auth.me().queryKey });
    },
  });
}
