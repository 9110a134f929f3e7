import path from 'node:path';
import {
  type ConfirmationReply,
  readConfirmationReply,
} from '../../../../src/actions/custom-actions/read-confirmation-reply';
import { loadBatonConfig } from '../../../../src/config/load-baton-config';

const config = loadBatonConfig(path.resolve(__dirname, '../../../../baton.config.example.yml'));
const fieldsOf = (id: string) => config.actions.find((action) => action.id === id)?.fields ?? [];
const booking = fieldsOf('booking_change'); // Confirmation number, New travel dates, Notes
const group = fieldsOf('group_quote'); // Travelers, Destination, Travel dates, Email

describe('readConfirmationReply', () => {
  const change = (fieldIndex: number): ConfirmationReply => ({ kind: 'change', fieldIndex });
  it.each([
    ['yes', booking, { kind: 'yes' }],
    ['Y', booking, { kind: 'yes' }],
    ['OK thanks', booking, { kind: 'yes' }],
    ['Oui, c’est bon', booking, { kind: 'yes' }],
    ['d’accord', booking, { kind: 'yes' }],
    ['Sí', booking, { kind: 'yes' }],
    ['correct', booking, { kind: 'yes' }],
    ['yes, confirm', booking, { kind: 'yes' }], // "confirm" does not name "Confirmation number"
    ['all good', booking, { kind: 'yes' }],
    ['not correct', booking, { kind: 'no' }],
    ['no', booking, { kind: 'no' }],
    ['Non', booking, { kind: 'no' }],
    ['no, everything', booking, { kind: 'restart' }],
    ['tout', booking, { kind: 'restart' }],
    ['the dates', booking, change(1)],
    ['wrong date', booking, change(1)],
    ['no, the confirmation number', booking, change(0)],
    ['yes but the notes', booking, change(2)],
    ['3', booking, change(2)],
    ['4', booking, { kind: 'unclear' }],
    ['travelers', group, change(0)],
    ['travel dates', group, change(2)],
    ['change the email', group, change(3)],
    ['travel', group, { kind: 'unclear' }], // both "Travelers" and "Travel dates"
    ['what?', booking, { kind: 'unclear' }],
  ])('%j → %j', (reply, fields, expected) => {
    expect(readConfirmationReply(reply, fields)).toEqual(expected);
  });
});
