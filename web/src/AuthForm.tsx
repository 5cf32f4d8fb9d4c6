/** /login and /signup: one form, two modes, server errors shown as they come. */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { errorMessage, login, signup } from './api.ts';
import { signIn } from './auth.ts';
import { Link, navigate } from './router.tsx';
import { Field, FormError } from './ui/form.tsx';

export type AuthMode = 'login' | 'signup';

const USERNAME = /^[a-z0-9_.]{3,24}$/;

export function AuthForm({ mode }: { mode: AuthMode }) {
  const isSignup = mode === 'signup';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: switching modes clears the previous mode's error.
  useEffect(() => {
    setError(null);
  }, [mode]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const name = username.trim().toLowerCase();
    if (isSignup && !USERNAME.test(name)) {
      setError('Usernames are 3–24 characters: lowercase letters, numbers, _ and .');
      return;
    }
    if (isSignup && password.length < 8) {
      setError('Passwords need at least 8 characters.');
      return;
    }
    if (!name || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const trimmedEmail = email.trim();
      const res = isSignup
        ? await signup({ username: name, password, ...(trimmedEmail ? { email: trimmedEmail } : {}) })
        : await login({ username: name, password });
      signIn(res);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <main className="page auth-page">
      <form className="form auth-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
        <h1 id={`${ids}-title`}>{isSignup ? 'Create your account' : 'Log in to Looply'}</h1>

        <Field label="Username">
          <input
            name="username"
            value={username}
            onChange={(e) => setUsername(e.target.value.toLowerCase())}
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={24}
            required
            aria-describedby={isSignup ? `${ids}-username-hint` : undefined}
          />
          {isSignup && (
            <small id={`${ids}-username-hint`} className="hint">
              3–24 characters: a–z, 0–9, _ and .
            </small>
          )}
        </Field>

        {isSignup && (
          <Field
            label={
              <>
                Email <span className="muted">(optional)</span>
              </>
            }
          >
            <input
              name="email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
            />
          </Field>
        )}

        <div className="field">
          <label htmlFor={`${ids}-password`}>Password</label>
          <div className="password-row">
            <input
              id={`${ids}-password`}
              name="password"
              type={showPassword ? 'text' : 'password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete={isSignup ? 'new-password' : 'current-password'}
              required
              aria-describedby={isSignup ? `${ids}-password-hint` : undefined}
            />
            <button
              type="button"
              className="button ghost"
              aria-pressed={showPassword}
              aria-label="Show password"
              onClick={() => setShowPassword(!showPassword)}
            >
              {showPassword ? 'Hide' : 'Show'}
            </button>
          </div>
          {isSignup && (
            <small id={`${ids}-password-hint`} className="hint">
              At least 8 characters.
            </small>
          )}
        </div>

        {error && <FormError testId="auth-error">{error}</FormError>}

        <button type="submit" className="button primary block" data-testid="auth-submit" disabled={busy}>
          {busy ? 'Please wait…' : isSignup ? 'Sign up' : 'Log in'}
        </button>

        <p className="auth-alt">
          {isSignup ? 'Already have an account? ' : 'New to Looply? '}
          <Link to={isSignup ? '/login' : '/signup'} replace data-testid="auth-switch">
            {isSignup ? 'Log in' : 'Sign up'}
          </Link>
        </p>
      </form>
    </main>
  );
}
