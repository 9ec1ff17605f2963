/** Who the sandbox page lets a visitor play, and in which groups; src/app reads them from the database. */
export interface SandboxDirectory {
  personas(): Promise<SandboxPersona[]>;
  groups(): Promise<SandboxGroup[]>;
}

export interface SandboxPersona {
  id: string;
  name: string;
  roleLabel: string;
  organization: string | null;
  bound: boolean;
}

export interface SandboxGroup {
  id: string;
  name: string;
  purpose: string | null;
  organization: string | null;
}
