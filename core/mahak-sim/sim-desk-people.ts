import { HamgamError } from '../errors.js';
import type { SimDatabase, SimTx } from './sim-database.js';
import type { DeskResult, NewPerson } from './sim-desk-actions.js';
import { visitorPersonRow } from './reference-generator.js';
import { visitorPersonIdOf } from './sim-relations.js';

type Out = Omit<DeskResult, 'written'>;

/** Desk operations on customers: a new person is linked to the visitor (VisitorPeople) unless `assign` is false. */
export function addPerson(db: SimDatabase, tx: SimTx, p: NewPerson): Out {
  const groupId = p.groupId ?? 1;
  if (!tx.get('PersonGroups', groupId))
    throw new HamgamError('NOT_FOUND', `PersonGroups ${groupId} does not exist`);
  const person = tx.insert('People', (id) => ({
    PersonClientId: 0,
    PersonCode: id + 2000,
    PersonGroupId: groupId,
    PersonGroupCode: groupId,
    PersonType: p.organization ? 1 : 0,
    FirstName: p.firstName ?? '',
    LastName: p.lastName ?? '',
    Organization: p.organization ?? '',
    Mobile: p.mobile ?? '',
    Address: p.address ?? '',
    City: p.city ?? '',
    SellPriceLevel: p.sellPriceLevel ?? 0,
    Credit: 0,
    Balance: 0,
    ...p.fields,
  }));
  const personId = person.PersonId as number;
  if (p.assign !== false)
    tx.insert('VisitorPeople', (id) => visitorPersonRow(id, personId, personId + 2000, db.visitorId, 0));
  return { personId };
}

export function unassignPerson(db: SimDatabase, tx: SimTx, personId: number): Out {
  const id = visitorPersonIdOf(db, db.visitorId, personId);
  if (id === undefined || !tx.get('VisitorPeople', id))
    throw new HamgamError('NOT_FOUND', `Person ${personId} is not assigned`);
  tx.update('VisitorPeople', id, { Deleted: true });
  return { personId };
}
