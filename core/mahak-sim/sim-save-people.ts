import { faMessages, saveErrorCodes } from './sim-messages.js';
import { visitorPersonIdOf } from './sim-relations.js';
import {
  checkVisitor,
  clientFields,
  err,
  failed,
  invalid,
  num,
  required,
  resolveRef,
  succeeded,
  type PropertyError,
  type SaveContext,
  type SaveRecord,
  type RecordResult,
} from './sim-save-context.js';

/**
 * People: a re-sent PersonClientId (same visitor) updates the person it created, never a second one; a
 * PersonId updates that person. PersonGroupId must name an existing group (S5: required by Mahak).
 */
export function savePerson(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const personId = num(rec.PersonId);
  const clientId = num(rec.PersonClientId);
  let existing: number | undefined;
  if (personId !== undefined && personId > 0) {
    existing = ctx.tx.get('People', personId) ? personId : undefined;
    if (existing === undefined) errors.push(err('PersonId', 'notFound', faMessages.notFound('PersonId')));
  } else if (clientId === undefined || clientId === 0) {
    errors.push(required('PersonClientId'));
  } else if (ctx.engine.settings.repeatedClientIds === 'refuse') {
    existing = ctx.tx.findByClientId('People', ctx.visitorId, clientId);
  } // 'accept' (SimSettings.repeatedClientIds): no identity check, a repeat is a second person.
  const group = resolveRef(ctx, rec, 'PersonGroups', 'PersonGroup', existing === undefined);
  if (group.error) {
    const missing = group.error.Code === saveErrorCodes.required;
    errors.push(
      missing
        ? group.error
        : { ...group.error, Property: 'PersonGroupId', Error: faMessages.personGroupNotFound },
    );
  }
  const named = [rec.FirstName, rec.LastName, rec.Organization].some(
    (v) => typeof v === 'string' && v.trim() !== '',
  );
  if (existing === undefined && !named) errors.push(required('LastName'));
  const type = num(rec.PersonType);
  if (rec.PersonType !== undefined && rec.PersonType !== null && type !== 0 && type !== 1)
    errors.push(invalid('PersonType'));
  if (errors.length > 0) return failed('People', rec, index, errors);

  const fields = {
    ...clientFields(rec),
    ...(group.id ? { PersonGroupId: group.id, PersonGroupCode: group.row!.PersonGroupCode } : {}),
  };
  const row =
    existing !== undefined
      ? ctx.tx.update('People', existing, {
          ...fields,
          PersonId: existing,
          PersonClientId: ctx.tx.get('People', existing)!.PersonClientId,
        })
      : ctx.tx.insert(
          'People',
          { PersonCode: 0, Credit: 0, Balance: 0, ...fields, PersonClientId: clientId },
          { visitorId: ctx.visitorId, clientId: clientId! },
        );
  return succeeded(ctx, 'People', row, index);
}

/** VisitorPeople: one link per (visitor, person); a repeat revives/updates the existing link. */
export function saveVisitorPerson(ctx: SaveContext, rec: SaveRecord, index: number): RecordResult {
  const errors: PropertyError[] = [];
  const visitorError = checkVisitor(ctx, rec);
  if (visitorError) errors.push(visitorError);
  const person = resolveRef(ctx, rec, 'People', 'Person', true);
  if (person.error) errors.push(person.error);
  if (errors.length > 0) return failed('VisitorPeople', rec, index, errors);

  const key = `${ctx.visitorId}|${person.id!}`;
  const existing = ctx.newVisitorPeople.get(key) ?? visitorPersonIdOf(ctx.db, ctx.visitorId, person.id!);
  const fields = {
    PersonId: person.id,
    PersonClientId: person.row!.PersonClientId ?? 0,
    PersonCode: person.row!.PersonCode ?? 0,
    VisitorId: ctx.visitorId,
    VisitorClientId: 0,
    VisitorCode: ctx.visitorId,
    Deleted: rec.Deleted === true,
  };
  const row =
    existing !== undefined && ctx.tx.get('VisitorPeople', existing)
      ? ctx.tx.update('VisitorPeople', existing, fields)
      : ctx.tx.insert('VisitorPeople', fields);
  ctx.newVisitorPeople.set(key, row.VisitorPersonId as number);
  const result = succeeded(ctx, 'VisitorPeople', row, index);
  // The spec has no VisitorPersonClientId, but S5 sends one: echo it so the client can match its row.
  return { ...result, EntityClientId: num(rec.VisitorPersonClientId) ?? 0 };
}
