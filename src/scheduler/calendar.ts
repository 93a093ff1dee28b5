// The calendar is the core's (quiet hours and the "may Hiroba message this member now" rule need it);
// the scheduler's job fires read the same one.
export { type CalendarName, isBusinessDay, isWeekend, jpHolidayName, nextBusinessDay } from '../core/index.js';
