// The audit log is written by the store; the command line still imports it from here.
export { recordStaffAction, type StaffAction } from '../store/audit/record-staff-action.ts';
