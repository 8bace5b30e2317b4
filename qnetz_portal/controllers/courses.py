import base64
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.event_registration import CANCELLABLE_STATES

from .portal import QnetzPortal, _int, _portal_action


class QnetzCoursePortal(QnetzPortal):
    """Courses in the portal: companies register their apprentices, providers record
    attendance and submit their invoice. Billing itself is qnetz_courses' service."""

    # ------------------------------------------------------------------ domains

    def _open_course_domain(self):
        return request.env["event.event"]._qnetz_open_for_registration_domain()

    def _company_registration_domain(self, company):
        return request.env["event.registration"]._qnetz_company_domain(company)

    def _provider_course_domain(self, provider):
        return [("is_qnetz_course", "=", True), ("state", "!=", "draft"),
                ("provider_id", "child_of", provider.id)]

    def _certificate_domain(self, company):
        return request.env["event.registration"]._qnetz_certificate_domain(company)

    def _qnetz_home_counts(self, roles, partner):
        values = super(QnetzCoursePortal, self)._qnetz_home_counts(roles, partner)
        Event = request.env["event.event"]
        Registration = request.env["event.registration"]
        if "company" in roles:
            values["qnetz_open_course_count"] = Event.search_count(self._open_course_domain())
            values["qnetz_registration_count"] = Registration.search_count(
                self._company_registration_domain(partner)
                + [("state", "in", CANCELLABLE_STATES)])
            values["qnetz_certificate_count"] = Registration.search_count(
                self._certificate_domain(partner))
            registrations = self._company_registration_domain(partner)
            values["qnetz_waiting_list_count"] = Registration.search_count(
                registrations + [("state", "=", "waiting")])
            now = fields.Datetime.now()
            values["qnetz_starting_soon_count"] = Registration.search_count(
                registrations + [("state", "=", "open"), ("event_id.date_begin", ">=", now),
                                 ("event_id.date_begin", "<=", fields.Datetime.to_string(
                                     fields.Datetime.from_string(now) + timedelta(days=14)))])
        if "provider" in roles:
            values["qnetz_provider_course_count"] = Event.search_count(
                self._provider_course_domain(partner))
        return values

    # ------------------------------------------------------------------ company: courses

    @http.route(["/my/courses"], type="http", auth="user", website=True)
    def portal_my_courses(self, message=None, **kw):
        company = self._qnetz_company()
        Registration = request.env["event.registration"]
        courses = request.env["event.event"].search(self._open_course_domain(),
                                                    order="date_begin")
        registrations = Registration.search(
            self._company_registration_domain(company), order="id desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_course",
            "courses": courses,
            "registrations": registrations,
            "course_info": self._course_info(courses | registrations.mapped("event_id")),
            "registration_states": dict(self._selection("event.registration", "state")),
            "cancellable": {r.id: r._qnetz_portal_cancellable() for r in registrations},
            "message": message,
            "error_messages": kw.get("error_messages") or [],
        })
        return request.render("qnetz_portal.portal_my_courses", values)

    def _course_info(self, events):
        """Venue and provider of courses already shown to the user: other organisations,
        so they are read with sudo, for exactly these courses and only these fields."""
        info = {}
        for event in events.sudo():
            info[event.id] = {
                "venue": event.address_id.name or "",
                "city": event.address_id.city or "",
                "provider": event.provider_id.name or "",
                "district": event.district_id.name or "",
                "free": event._qnetz_free_seats(),
                "hours": event.total_hours,
            }
        return info

    def _get_open_course(self, event_id):
        event = request.env["event.event"].search(
            [("id", "=", event_id), ("is_qnetz_course", "=", True), ("state", "!=", "draft")],
            limit=1)
        if not event:
            raise NotFound()
        return event

    def _course_page_values(self, event, company, selected=None, error_messages=None,
                            message=None, confirm=None):
        Registration = request.env["event.registration"]
        apprentices = request.env["res.partner"].search(
            self._apprentice_domain(company), order="name")
        registered = Registration.search(
            [("event_id", "=", event.id), ("state", "!=", "cancel")]
            + self._company_registration_domain(company))
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_course",
            "course": event,
            "info": self._course_info(event)[event.id],
            "sessions": event.sudo().session_ids,
            "apprentices": apprentices - registered.mapped("apprentice_id"),
            "registered": registered,
            "registration_states": dict(self._selection("event.registration", "state")),
            "open_for_registration": bool(request.env["event.event"].search_count(
                [("id", "=", event.id)] + self._open_course_domain())),
            "price": event._qnetz_price(),
            "confirm": confirm,
            "selected": selected or [],
            "error_messages": error_messages or [],
            "message": message,
        })
        return values

    @http.route(["/my/courses/<int:event_id>"], type="http", auth="user", website=True)
    def portal_course_page(self, event_id, message=None, **kw):
        company = self._qnetz_company()
        event = self._get_open_course(event_id)
        return request.render("qnetz_portal.portal_course_page",
                              self._course_page_values(event, company, message=message))

    @http.route(["/my/courses/<int:event_id>/register"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_course_register(self, event_id, **post):
        company = self._qnetz_company()
        event = self._get_open_course(event_id)
        ids = [_int(v) for v in request.httprequest.form.getlist("apprentice_ids")]
        if not post.get("confirmed"):
            confirm = self._registration_confirmation(event, company, ids)
            if confirm:
                return request.render("qnetz_portal.portal_course_page", self._course_page_values(
                    event, company, selected=ids, confirm=confirm))
        registration_ids, error = _portal_action(event.qnetz_portal_register, ids)
        if error:
            return request.render("qnetz_portal.portal_course_page", self._course_page_values(
                event, company, selected=ids, error_messages=[error]))
        registrations = request.env["event.registration"].browse(registration_ids)
        waiting = registrations.filtered(lambda r: r.state == "waiting")
        message = "waiting" if waiting else "registered"
        return request.redirect("/my/courses/%d?message=%s" % (event.id, message))

    def _registration_confirmation(self, event, company, ids):
        """What the company confirms before registering: the apprentices and what it will be
        invoiced. None when the choice is not a valid one; the registration itself then
        says what is wrong."""
        apprentices = request.env["res.partner"].search(
            self._apprentice_domain(company) + [("id", "in", ids)], order="name")
        open_course = request.env["event.event"].search_count(
            [("id", "=", event.id)] + self._open_course_domain())
        if not ids or len(apprentices) != len(set(ids)) or not open_course:
            return None
        price = event._qnetz_price()
        confirm = {"apprentices": apprentices, "count": len(apprentices)}
        if price.get("per_participant"):
            confirm["total"] = event._qnetz_format_amount(
                price["company_amount"] * len(apprentices))
        free = self._course_info(event)[event.id]["free"]
        confirm["waiting"] = free is not None and free < len(apprentices)
        return confirm

    def _get_company_registration(self, registration_id, certificate=False):
        """A registration of the user's company (read under its record rules), or 404;
        with `certificate`, only one whose certificate of participation is due."""
        company = self._qnetz_company()
        domain = self._certificate_domain(company) if certificate \
            else self._company_registration_domain(company)
        registration = request.env["event.registration"].search(
            [("id", "=", registration_id)] + domain, limit=1)
        if not registration:
            raise NotFound()
        return registration

    @http.route(["/my/registrations/<int:registration_id>"], type="http", auth="user",
                website=True)
    def portal_registration_progress(self, registration_id, **kw):
        """How an apprentice attends a course: sessions, attendance rate, certificate."""
        registration = self._get_company_registration(registration_id)
        sessions = request.env["qnetz.course.session"].search(
            [("event_id", "=", registration.event_id.id)], order="date_begin")
        attendances = request.env["qnetz.attendance"].search(
            [("registration_id", "=", registration.id)])
        status = {a.session_id.id: a.status for a in attendances}
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_course",
            "registration": registration,
            "sessions": sessions,
            "status": status,
            "present": len([s for s in status.values() if s == "present"]),
            "status_labels": dict(self._selection("qnetz.attendance", "status")),
            "registration_states": dict(self._selection("event.registration", "state")),
        })
        return request.render("qnetz_portal.portal_registration_progress", values)

    @http.route(["/my/registrations/<int:registration_id>/cancel"], type="http",
                auth="user", website=True, methods=["GET", "POST"])
    def portal_registration_cancel(self, registration_id, confirmed=None, **post):
        """Cancelling cannot be undone: the page asks first, and says what it costs."""
        registration = self._get_company_registration(registration_id)
        if request.httprequest.method != "POST" or confirmed != "1":
            if not registration._qnetz_portal_cancellable():
                return self.portal_my_courses(error_messages=[_(
                    "Registration: %s can no longer be cancelled in the portal, the course "
                    "has started or the registration is closed.") % registration.name])
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "qnetz_course", "registration": registration,
                           "course": registration.event_id})
            return request.render("qnetz_portal.portal_registration_cancel_confirm", values)
        _result, error = _portal_action(registration.qnetz_portal_cancel)
        if error:
            return self.portal_my_courses(error_messages=[error])
        return request.redirect("/my/courses?message=cancelled")

    # ------------------------------------------------------------------ company: certificates

    @http.route(["/my/certificates"], type="http", auth="user", website=True)
    def portal_my_certificates(self, **kw):
        company = self._qnetz_company()
        registrations = request.env["event.registration"].search(
            self._certificate_domain(company), order="id desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_certificate",
            "registrations": registrations,
            "course_info": self._course_info(registrations.mapped("event_id")),
        })
        return request.render("qnetz_portal.portal_my_certificates", values)

    @http.route(["/my/certificates/<int:registration_id>/pdf"], type="http", auth="user",
                website=True)
    def portal_certificate_pdf(self, registration_id, **kw):
        registration = self._get_company_registration(registration_id, certificate=True)
        try:
            pdf = base64.b64decode(registration.qnetz_portal_certificate())
        except (UserError, AccessError):
            raise NotFound()
        filename = "Teilnahmebescheinigung-%s.pdf" % registration.id
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="%s"' % filename),
        ])

    # ------------------------------------------------------------------ provider

    def _get_provider_course(self, event_id):
        provider = self._qnetz_provider()
        event = request.env["event.event"].search(
            [("id", "=", event_id)] + self._provider_course_domain(provider), limit=1)
        if not event:
            raise NotFound()
        return event

    @http.route(["/my/provider/courses"], type="http", auth="user", website=True)
    def portal_provider_courses(self, **kw):
        provider = self._qnetz_provider()
        courses = request.env["event.event"].search(
            self._provider_course_domain(provider), order="date_begin desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_provider_course",
            "courses": courses,
            "course_info": self._course_info(courses),
            "course_states": dict(self._selection("event.event", "state")),
            "due_by_course": self._provider_due(courses),
        })
        return request.render("qnetz_portal.portal_provider_courses", values)

    def _provider_due(self, courses):
        """What the provider still has to do per course: sessions that have begun without
        complete attendance, and the invoice of a finished course (a few queries in all)."""
        now = fields.Datetime.now()
        sessions = request.env["qnetz.course.session"].search(
            [("event_id", "in", courses.ids), ("date_begin", "<=", now)])
        recorded = {group["session_id"][0]: group["session_id_count"]
                    for group in request.env["qnetz.attendance"].read_group(
                        [("session_id", "in", sessions.ids)], ["session_id"], ["session_id"])}
        billed = request.env["account.invoice"].sudo().search([
            ("course_id", "in", courses.ids), ("is_provider_bill", "=", True),
            ("state", "!=", "cancel")]).mapped("course_id")
        due = {}
        for course in courses:
            if course in billed or course.state == "cancel":
                continue
            participants = course.seats_reserved + course.seats_used
            open_sessions = len([s for s in sessions if s.event_id == course
                                 and recorded.get(s.id, 0) < participants])
            due[course.id] = {
                "attendance": open_sessions,
                "invoice": not open_sessions and course._qnetz_is_finished(),
            }
        return due

    def _provider_course_values(self, event, session=None, error_messages=None,
                                message=None, form=None):
        participants = event._qnetz_participants()
        sessions = request.env["qnetz.course.session"].search(
            [("event_id", "=", event.id)], order="date_begin")
        attendances = request.env["qnetz.attendance"].search(
            [("session_id", "in", sessions.ids)])
        status = {(a.session_id.id, a.registration_id.id): a.status for a in attendances}
        bill = event._qnetz_provider_bill()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_provider_course",
            "course": event,
            "info": self._course_info(event)[event.id],
            "sessions": sessions,
            "session": session,
            "participants": participants,
            # the paying company's name only; it is another organisation
            "companies": {r.id: r.paying_partner_id.name or "" for r in participants.sudo()},
            "status": status,
            "status_labels": dict(self._selection("qnetz.attendance", "status")),
            "course_states": dict(self._selection("event.event", "state")),
            "complete": event._qnetz_attendance_complete(),
            "locked": bool(bill),
            "bill": bill,
            "bill_facts": event._qnetz_provider_bill_facts(),
            "finished": event._qnetz_is_finished(),
            "now": fields.Datetime.now(),
            "form": form or {},
            "error_messages": error_messages or [],
            "message": message,
        })
        return values

    @http.route(["/my/provider/courses/<int:event_id>"], type="http", auth="user",
                website=True)
    def portal_provider_course(self, event_id, course_session_id=None, message=None, **kw):
        # not "session_id": Odoo reads that parameter as the login session
        event = self._get_provider_course(event_id)
        session = request.env["qnetz.course.session"]
        errors = []
        if course_session_id:
            session = session.search([("id", "=", _int(course_session_id)),
                                      ("event_id", "=", event.id)], limit=1)
            if not session:
                errors.append(_("Session: this session does not belong to the course %s.")
                              % event.name)
        return request.render("qnetz_portal.portal_provider_course", self._provider_course_values(
            event, session=session, error_messages=errors, message=message))

    @http.route(["/my/provider/courses/<int:event_id>/attendance"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_provider_attendance(self, event_id, course_session_id=None, **post):
        event = self._get_provider_course(event_id)
        session = request.env["qnetz.course.session"].search(
            [("id", "=", _int(course_session_id)), ("event_id", "=", event.id)], limit=1)
        form = {_int(key[7:]): value for key, value in post.items()
                if key.startswith("status_")}
        if post.get("all_present"):
            # "Alle anwesend": every participant present, in one click
            form = {registration.id: "present" for registration in event._qnetz_participants()}
        errors = []
        if not session:
            errors.append(_("Session: this session does not belong to the course %s.")
                          % event.name)
        else:
            _result, error = _portal_action(session.qnetz_portal_record_attendance, form)
            if not error:
                return request.redirect("/my/provider/courses/%d?message=attendance" % event.id)
            errors.append(error)
        return request.render("qnetz_portal.portal_provider_course", self._provider_course_values(
            event, session=session, error_messages=errors, form=form))

    @http.route(["/my/provider/courses/<int:event_id>/bill.pdf"], type="http", auth="user",
                website=True)
    def portal_provider_bill_pdf(self, event_id, **kw):
        """The provider's own bill for its course, as the coordinator keeps it."""
        event = self._get_provider_course(event_id)
        try:
            pdf, filename = event._qnetz_portal_provider_bill_pdf()
        except (UserError, AccessError):
            raise NotFound()
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="%s"' % filename),
        ])

    @http.route(["/my/provider/courses/<int:event_id>/invoice"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_provider_invoice(self, event_id, confirm_complete=None, **post):
        event = self._get_provider_course(event_id)
        if event._qnetz_provider_bill():
            return request.redirect("/my/provider/courses/%d?message=already_billed" % event.id)
        _result, error = _portal_action(event.qnetz_portal_submit_invoice,
                                        confirm_complete=bool(confirm_complete))
        if error:
            values = self._provider_course_values(event)
            values["error_messages"] = error.split("\n")
            return request.render("qnetz_portal.portal_provider_course", values)
        return request.redirect("/my/provider/courses/%d?message=billed" % event.id)
