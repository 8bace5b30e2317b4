from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.qnetz_base.tools import html_text

from .. import ics
from ...spine.course_time import format_date, utc_string_to_local
from ...spine.models.event_registration import ACTIVE_STATES

# Courses whose dates are fixed enough to remind of and to put into calendars.
LIVE_STATES = ("confirm", "running")


class EventEventNotify(models.Model):
    """Telling people about the course's dates: reminders, calendars, the go/no-go."""

    _name = "event.event"
    # the go/no-go and the absence alerts give the coordinator activities on the course
    _inherit = ["event.event", "mail.activity.mixin"]

    reminder_hours = fields.Integer(
        string="Reminder (hours before)", default=lambda self: self._qnetz_default_reminder(),
        help="Participants, their companies' training contacts and the provider get a "
             "reminder with the date, the place and a calendar entry this many hours before "
             "each session; 0: no reminders.")
    go_days = fields.Integer(
        string="Go/No-Go (days before start)", default=10,
        help="On this many days before the start, the course is confirmed if it reached "
             "its minimum, otherwise the coordinator decides.")
    go_date = fields.Date(
        string="Go/No-Go Date", compute="_compute_go_date", store=True, index=True)
    go_state = fields.Selection(
        [("open", "Open"), ("go", "Confirmed on the date"), ("decide", "Coordinator decides")],
        string="Go/No-Go", default="open", copy=False, readonly=True)
    go_warned = fields.Date(string="Last Go/No-Go Warning", copy=False, readonly=True)

    @api.model
    def _qnetz_default_reminder(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            "qnetz_courses.reminder_hours", "48")
        return int(value) if value.isdigit() else 48

    @api.depends("date_begin", "go_days")
    def _compute_go_date(self):
        for event in self:
            if event.date_begin:
                start = utc_string_to_local(event.date_begin).date()
                event.go_date = fields.Date.to_string(
                    start - timedelta(days=event.go_days or 0))
            else:
                event.go_date = False

    # Calendar (.ics) ------------------------------------------------------------

    def _qnetz_location(self):
        self.ensure_one()
        venue = self.address_id
        if not venue:
            return self.district_id.name or ""
        parts = [venue.name, venue.street, " ".join(p for p in (venue.zip, venue.city) if p)]
        return ", ".join(p for p in parts if p)

    @api.multi
    def _qnetz_ics(self, sessions=None, name=None):
        """The sessions of these courses (or the `sessions` given) as iCalendar bytes."""
        sessions = self.mapped("session_ids") if sessions is None else sessions
        return ics.calendar(name or ", ".join(self.mapped("name")) or _("Courses"),
                            self._qnetz_ics_entries(sessions))

    @api.model
    def _qnetz_ics_entries(self, sessions):
        sessions = sessions.sudo()
        db = self.env.cr.dbname
        locations = {event.id: event._qnetz_location() for event in sessions.mapped("event_id")}
        entries = []
        for session in sessions.sorted("date_begin"):
            event = session.event_id
            summary = event.name if not session.name else "%s: %s" % (event.name, session.name)
            entries.append({
                "uid": "qnetz-session-%d@%s" % (session.id, db),
                "start": fields.Datetime.from_string(session.date_begin),
                "end": fields.Datetime.from_string(session.date_end),
                "summary": summary,
                "location": locations[event.id],
                "description": event.provider_id.name or "",
            })
        return entries

    @api.model
    def qnetz_portal_ics(self):
        """The course calendar of the portal user's company or provider (share users only).

        The courses are chosen here from the caller's own organisation and read as
        superuser afterwards; nothing the caller sends selects them.
        """
        user = self.env.user
        if not user.share:
            raise AccessError(_("The course calendar is for the companies and providers."))
        organisation = user.partner_id.commercial_partner_id
        Event = self.sudo()
        events = Event.browse()
        base = [("is_qnetz_course", "=", True), ("state", "in", LIVE_STATES + ("done",))]
        if organisation.is_training_company:
            registrations = self.env["event.registration"].sudo().search([
                ("state", "in", ACTIVE_STATES), "|",
                ("paying_partner_id", "=", organisation.id),
                ("apprentice_id.employer_id", "=", organisation.id)])
            events |= Event.search(base + [("id", "in", registrations.mapped("event_id").ids)])
        if organisation._qnetz_is_provider():
            events |= Event.search(base + [("provider_id", "child_of", organisation.id)])
        entries = events._qnetz_ics_entries(events.mapped("session_ids")) + \
            self._qnetz_portal_ics_more(organisation)
        # text, not bytes: the method is also reachable over RPC (JSON)
        return ics.calendar(_("Courses of %s") % organisation.name, entries).decode("utf-8")

    @api.model
    def _qnetz_portal_ics_more(self, organisation):
        """Hook for the features above: more calendar entries (dicts as ics.calendar()
        takes them) for the portal calendar of `organisation`. None here."""
        return []

    # Reminders ------------------------------------------------------------------

    @api.model
    def _qnetz_cron_send_reminders(self, now=None):
        """Hourly: remind everyone concerned of the sessions that start soon."""
        now = now or fields.Datetime.now()
        self.env.cr.execute("""
            SELECT s.id
              FROM qnetz_course_session s
              JOIN event_event e ON e.id = s.event_id
             WHERE e.is_qnetz_course AND e.state IN %s AND e.reminder_hours > 0
               AND s.reminder_sent IS NULL
               AND s.date_begin > %s
               AND s.date_begin <= %s::timestamp + e.reminder_hours * interval '1 hour'
          ORDER BY s.date_begin
        """, (LIVE_STATES, now, now))
        sessions = self.env["qnetz.course.session"].browse(
            [row[0] for row in self.env.cr.fetchall()])
        mails = self.env["mail.mail"]
        for session in sessions:
            mails |= session.with_context(lang="de_DE")._qnetz_send_reminder()
        # a session moved by hand onto a holiday of a state the course serves: the
        # reminder goes out as planned, and the coordinator hears of the conflict
        for session in sessions.with_context(lang="de_DE").filtered("calendar_warning"):
            event = session.event_id
            event.message_post(
                body=html_text(_("Reminder sent for the session on %s, a day that does not "
                                 "suit: %s") % (
                    format_date(utc_string_to_local(session.date_begin)),
                    session.calendar_warning.replace("\n", "; "))),
                partner_ids=event._qnetz_coordinator().partner_id.ids,
                subtype="mail.mt_note", message_type="comment")
        sessions.write({"reminder_sent": now})
        return mails

    # Go/no-go -------------------------------------------------------------------

    def _qnetz_company_contacts(self):
        """The training contacts (else the companies) of the active participants."""
        self.ensure_one()
        registrations = self.sudo().registration_ids.filtered(
            lambda r: r.state in ACTIVE_STATES + ("draft",))
        companies = registrations.mapped("paying_partner_id") \
            | registrations.mapped("apprentice_id.employer_id")
        contacts = self.env["res.partner"]
        for company in companies:
            contacts |= company.training_contact_id or company
        return contacts.filtered("email")

    def _qnetz_mail(self, partners, subject, body):
        self.ensure_one()
        if not partners:
            return self.env["mail.mail"]
        return self.env["mail.mail"].sudo().create({
            "subject": subject,
            "body_html": body,
            "email_from": self.user_id.email_formatted or self.env.user.company_id.email
            or False,
            "recipient_ids": [(6, 0, partners.ids)],
            "model": "event.event",
            "res_id": self.id,
            "auto_delete": False,
        })

    def _qnetz_tell_companies_outcome(self, outcome):
        """`outcome`: 'go' (the course takes place), 'cancel' or 'decide'."""
        for event in self.with_context(lang="de_DE"):
            values = {"course": event.name,
                      "date": format_date(utc_string_to_local(event.date_begin))}
            if outcome == "go":
                subject = _("The course %(course)s takes place") % values
                text = _("the course %(course)s has enough participants and takes place "
                         "as planned from %(date)s.") % values
            elif outcome == "cancel":
                subject = _("The course %(course)s does not take place") % values
                text = _("the course %(course)s did not reach enough participants and is "
                         "cancelled. The training needs stay registered with the network.") \
                    % values
            else:
                subject = _("The course %(course)s is not yet certain") % values
                text = _("the course %(course)s has not yet reached its minimum number of "
                         "participants. The network decides shortly whether it takes place "
                         "and tells you at once.") % values
            body = "<p>%s</p><p>%s</p><p>%s</p>" % (
                html_text(_("Hello,")), html_text(text),
                html_text(_("Kind regards, your Qualification Network Höxter-Holzminden")))
            event._qnetz_mail(event._qnetz_company_contacts(), subject, body)

    def _qnetz_calendar_conflict_note(self):
        """The sessions that fall on a holiday of a state the course serves, as text."""
        self.ensure_one()
        lines = ["%s: %s" % (format_date(utc_string_to_local(session.date_begin)),
                             session.calendar_warning.replace("\n", "; "))
                 for session in self.session_ids.sorted("date_begin")
                 if session.calendar_warning]
        if not lines:
            return ""
        return _("Sessions on days that do not suit (%s):") % self.served_states.replace(
            "\n", "; ") + "\n" + "\n".join(lines)

    @api.model
    def _qnetz_cron_go_no_go(self, today=None, warn_days=7):
        """Daily: warn ahead of the go/no-go date, and decide on it.

        Before the date (within `warn_days`) the coordinator hears daily while the course
        is below its minimum. On the date a course at its minimum is confirmed; one below
        gets an activity for the coordinator. The companies hear the outcome.
        """
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        today_s = fields.Date.to_string(today)
        horizon = fields.Date.to_string(today + timedelta(days=warn_days))
        events = self.search([
            ("is_qnetz_course", "=", True), ("state", "in", ("draft", "confirm")),
            ("go_state", "=", "open"), ("go_date", "!=", False),
            ("go_date", "<=", horizon)])
        for event in events.with_context(lang="de_DE"):
            coordinator = event._qnetz_coordinator()
            if event.go_date > today_s:
                conflicts = event._qnetz_calendar_conflict_note()
                if (event.below_minimum or conflicts) and event.go_warned != today_s:
                    text = _("Go/no-go on %s: %d of at least %d participants so far.") % (
                        format_date(fields.Date.from_string(event.go_date)),
                        event.seats_reserved + event.seats_used, event.seats_min)
                    event.message_post(
                        body=html_text("\n".join(filter(None, [text, conflicts]))),
                        partner_ids=coordinator.partner_id.ids,
                        subtype="mail.mt_note", message_type="comment")
                    event.go_warned = today_s
                continue
            if not event.below_minimum:
                if event.state == "draft":
                    event.button_confirm()
                event.go_state = "go"
                event._qnetz_tell_companies_outcome("go")
                continue
            event.go_state = "decide"
            event._qnetz_todo(
                _("Go/no-go: decide on %s") % event.name,
                "\n".join(filter(None, [
                    _("%d of at least %d participants. Confirm below the minimum or cancel "
                      "the course.") % (event.seats_reserved + event.seats_used,
                                        event.seats_min),
                    event._qnetz_calendar_conflict_note()])),
                users=coordinator, deadline=today_s)
            event._qnetz_tell_companies_outcome("decide")
        return events

    @api.multi
    def action_confirm_below_minimum(self):
        undecided = self.filtered(lambda e: e.go_state == "decide")
        result = super(EventEventNotify, self).action_confirm_below_minimum()
        undecided._qnetz_tell_companies_outcome("go")
        undecided.write({"go_state": "go"})
        return result

    @api.multi
    def button_cancel(self):
        undecided = self.filtered(lambda e: e.go_state == "decide")
        undecided._qnetz_tell_companies_outcome("cancel")
        return super(EventEventNotify, self).button_cancel()
