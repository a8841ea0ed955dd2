import { useEffect, useState } from 'react';
import { answer, client, Schema } from './api';

type Names = Schema<'DirectoryNames'>;

const EMPTY: Names = { users: {}, units: {} };
let loading: Promise<Names> | null = null;
/** The names once loaded: a component mounted later shows them at once, never user names first. */
let loaded: Names | null = null;

/** Names change rarely: one request per page load, shared by every component; retried after a failure. */
function loadNames(): Promise<Names> {
  loading ??= answer(client.GET('/api/directory')).then(
    (names) => (loaded = names),
    () => {
      loading = null;
      return EMPTY;
    },
  );
  return loading;
}

export interface Directory {
  /** A person by name ("王磊 Wang Lei"); the user name until the directory has loaded. */
  user(username: string | null | undefined): string;
  /** A unit by name ("杭州分行"); the code until the directory has loaded. */
  unit(code: string | null | undefined): string;
  /** Every unit's code, for a choice of unit (the server still scopes what it answers). */
  unitCodes: string[];
  /** Every user name, for a choice of colleague (the server still checks who may take what). */
  usernames: string[];
}

export function useDirectory(): Directory {
  const [names, setNames] = useState<Names>(loaded ?? EMPTY);
  useEffect(() => {
    let live = true;
    void loadNames().then((loaded) => live && setNames(loaded));
    return () => {
      live = false;
    };
  }, []);
  return {
    user: (username) => (username ? (names.users[username] ?? username) : '—'),
    unit: (code) => (code ? (names.units[code] ?? code) : '—'),
    unitCodes: Object.keys(names.units),
    usernames: Object.keys(names.users),
  };
}
