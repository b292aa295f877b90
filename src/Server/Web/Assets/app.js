// Entry point of the signed-in page: loads each section; one failing section does not hide the others.
import { enableCopyButtons, sayError } from './dom.js';
import { loadCalendars } from './calendars.js';
import { loadEvents, setUpEventForm } from './events.js';
import { loadReminders } from './reminders.js';
import { loadAppPasswords, setUpAppPasswordForm } from './app-passwords.js';
import { loadFeedLinks, setUpFeedForm } from './feeds.js';

async function refreshEventsAndReminders() {
  await Promise.all([loadEvents(), loadReminders()].map((p) => p.catch(sayError)));
}

async function start() {
  enableCopyButtons();
  setUpAppPasswordForm();
  setUpFeedForm();
  setUpEventForm(refreshEventsAndReminders);
  document.addEventListener('aurora:calendars-changed', refreshEventsAndReminders);
  try {
    await loadCalendars();
  } catch (error) {
    sayError(error);
  }
  await Promise.all([refreshEventsAndReminders(), loadAppPasswords().catch(sayError), loadFeedLinks().catch(sayError)]);
  document.body.dataset.ready = 'true';
}

start();
