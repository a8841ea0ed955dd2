import type { Schema } from './api';

/** A row of the monitor's list: where the instance waits, who holds it, whose loan. */
export type InstanceListRow = Schema<'InstanceListItemView'>;

export type Incident = Schema<'IncidentView'>;

/** One instance: its path, tokens, incidents, timers, messages and variables. */
export type InstanceDetail = Schema<'InstanceDetailView'>;
