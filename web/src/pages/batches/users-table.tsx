import { useSignedIn } from '../../app-context';
import { formatTime } from '../../components/format';
import { ErrorMessage, Loading } from '../../components/status';
import { useResource } from '../../components/use-resource';

export function UsersTable() {
  const { api } = useSignedIn();
  const { resource, reload } = useResource((signal) => api.call('users', { signal }), 'users');
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Accounts</h2>
      <p className="hint">
        Add accounts with <code>steward user add</code>; it prints the one-time link to set a password.
      </p>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <table data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {resource.data.users.map((user) => (
              <tr key={user.id} data-testid={`user-${user.id}`}>
                <td>{user.email}</td>
                <td>{user.role}</td>
                <td>{user.disabled ? 'disabled' : user.hasPassword ? 'active' : 'waiting for password'}</td>
                <td>{formatTime(user.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
