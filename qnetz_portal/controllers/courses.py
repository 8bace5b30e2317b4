from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from .portal import QnetzPortal, _error_text, _int

ACTIVE_REGISTRATION_STATES = ("open", "done")
CANCELLABLE_STATES = ("draft", "open", "waiting")
ATTENDANCE_STATES = ("present", "absent", "excused")


class QnetzCoursePortal(QnetzPortal):
    """Courses in the portal: companies register their apprentices, providers record
    attendance and submit their invoice. Billing itself is qnetz_courses' service."""

    # ------------------------------------------------------------------ domains

    def _open_course_domain(self):
        return [("is_qnetz_course", "=", True), ("state", "=", "confirm"),
                ("date_begin", ">", fields.Datetime.now())]

    def _company_registration_domain(self, company):
        return [("is_qnetz_course", "=", True), "|",
                ("paying_partner_id", "=", company.id),
                ("apprentice_id.employer_id", "=", company.id)]

    def _provider_course_domain(self, provider):
        return [("is_qnetz_course", "=", True), ("state", "!=", "draft"),
                ("provider_id", "child_of", provider.id)]

    def _certificate_domain(self, company):
        return self._company_registration_domain(company) + [
            ("state", "in", ACTIVE_REGISTRATION_STATES), ("certificate_eligible", "=", True),
            ("event_id.state", "=", "done")]

    def _qnetz_course_layout_values(self, roles, partner):
        values = super(QnetzCoursePortal, self)._qnetz_course_layout_values(roles, partner)
        Event = request.env["event.event"]
        Registration = request.env["event.registration"]
        if "company" in roles:
            values["qnetz_open_course_count"] = Event.search_count(self._open_course_domain())
            values["qnetz_registration_count"] = Registration.search_count(
                self._company_registration_domain(partner)
                + [("state", "in", CANCELLABLE_STATES)])
            values["qnetz_certificate_count"] = Registration.search_count(
                self._certificate_domain(partner))
        if "provider" in roles:
            values["qnetz_provider_course_count"] = Event.search_count(
                self._provider_course_domain(partner))
        return values

    def _has_started(self, event):
        return event.date_begin <= fields.Datetime.now()

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
            "cancellable": {r.id: r.state in CANCELLABLE_STATES
                            and not self._has_started(r.event_id) for r in registrations},
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
                "free": (event.seats_available if event.seats_availability == "limited"
                         else None),
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
                            message=None):
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
        errors = []
        apprentices = request.env["res.partner"].search(
            self._apprentice_domain(company) + [("id", "in", ids)])
        if not ids:
            errors.append(_("Apprentices: please choose at least one apprentice."))
        elif len(apprentices) != len(set(ids)):
            errors.append(_("Apprentices: only your own apprentices can be registered."))
        if event.state != "confirm":
            errors.append(_("Course: %s is not open for registrations.") % event.name)
        elif self._has_started(event):
            errors.append(_("Course: %s has already started; registrations are closed.")
                          % event.name)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    registrations = self._register(event, company, apprentices)
            except (UserError, ValidationError, AccessError) as exc:
                errors.append(_error_text(exc))
            else:
                waiting = registrations.filtered(lambda r: r.state == "waiting")
                message = "waiting" if waiting else "registered"
                return request.redirect("/my/courses/%d?message=%s" % (event.id, message))
        return request.render("qnetz_portal.portal_course_page", self._course_page_values(
            event, company, selected=ids, error_messages=errors))

    def _register(self, event, company, apprentices):
        """sudo: portal users cannot create registrations. The course is one open for
        registration and the apprentices are the user's own (both searched as the user);
        qnetz_courses decides between a seat and the waiting list."""
        Registration = request.env["event.registration"].sudo()
        registrations = Registration
        for apprentice in apprentices.sorted("name"):
            registrations |= Registration.create({
                "event_id": event.id,
                "apprentice_id": apprentice.id,
                "paying_partner_id": company.id,
            })
        return registrations

    @http.route(["/my/registrations/<int:registration_id>/cancel"], type="http",
                auth="user", website=True, methods=["POST"])
    def portal_registration_cancel(self, registration_id, **post):
        company = self._qnetz_company()
        registration = request.env["event.registration"].search(
            [("id", "=", registration_id)] + self._company_registration_domain(company),
            limit=1)
        if not registration:
            raise NotFound()
        if registration.state not in CANCELLABLE_STATES or self._has_started(
                registration.event_id):
            return self.portal_my_courses(error_messages=[_(
                "Registration: %s can no longer be cancelled in the portal, the course has "
                "started or the registration is closed.") % registration.name])
        # sudo: the registration was found under the user's own record rules above
        registration.sudo().action_cancel_registration()
        registration.sudo().message_post(body=_("Cancelled in the portal by %s.")
                                         % request.env.user.name)
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
        company = self._qnetz_company()
        registration = request.env["event.registration"].search(
            [("id", "=", registration_id)] + self._certificate_domain(company), limit=1)
        if not registration:
            raise NotFound()
        report = self._certificate_report()
        if not report:
            raise NotFound()
        # sudo: the report reads the course, provider and sessions; ownership checked above
        pdf = report.sudo().render_qweb_pdf([registration.id])[0]
        filename = "Teilnahmebescheinigung-%s.pdf" % registration.id
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", 'attachment; filename="%s"' % filename),
        ])

    def _certificate_report(self):
        return request.env.ref("qnetz_courses.action_report_qnetz_certificate",
                               raise_if_not_found=False)

    # ------------------------------------------------------------------ provider

    def _get_provider_course(self, event_id):
        provider = self._qnetz_provider()
        event = request.env["event.event"].search(
            [("id", "=", event_id)] + self._provider_course_domain(provider), limit=1)
        if not event:
            raise NotFound()
        return event

    def _provider_bill(self, event):
        # sudo: vendor bills are internal documents; only the course's own bill is looked at
        return request.env["account.invoice"].sudo().search([
            ("qnetz_course_id", "=", event.id), ("qnetz_is_provider_bill", "=", True),
            ("state", "!=", "cancel")], limit=1)

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
        })
        return request.render("qnetz_portal.portal_provider_courses", values)

    def _participants(self, event):
        return request.env["event.registration"].search(
            [("event_id", "=", event.id), ("state", "in", ACTIVE_REGISTRATION_STATES)],
            order="name")

    def _provider_course_values(self, event, session=None, error_messages=None,
                                message=None, form=None):
        participants = self._participants(event)
        sessions = request.env["qnetz.course.session"].search(
            [("event_id", "=", event.id)], order="date_begin")
        attendances = request.env["qnetz.attendance"].search(
            [("session_id", "in", sessions.ids)])
        status = {(a.session_id.id, a.registration_id.id): a.status for a in attendances}
        bill = self._provider_bill(event)
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
            "complete": self._attendance_complete(sessions, participants, status),
            "locked": bool(bill),
            "bill": bill,
            "finished": self._is_finished(event),
            "form": form or {},
            "error_messages": error_messages or [],
            "message": message,
        })
        return values

    def _attendance_complete(self, sessions, participants, status):
        return all((s.id, r.id) in status for s in sessions for r in participants)

    def _is_finished(self, event):
        return event.state == "done" or (
            event.state in ("confirm", "running") and event.date_end <= fields.Datetime.now())

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
        Session = request.env["qnetz.course.session"]
        session = Session.search(
            [("id", "=", _int(course_session_id)), ("event_id", "=", event.id)], limit=1)
        errors = []
        if not session:
            errors.append(_("Session: this session does not belong to the course %s.")
                          % event.name)
        elif self._provider_bill(event):
            errors.append(_("Attendance: the course %s has been billed; attendance can no "
                            "longer be changed.") % event.name)
        elif session.date_begin > fields.Datetime.now():
            errors.append(_("Session: attendance can only be entered once the session "
                            "has started."))
        participants = self._participants(event)
        form = {}
        for registration in participants:
            value = post.get("status_%d" % registration.id)
            form[registration.id] = value
            if not errors and value not in ATTENDANCE_STATES:
                errors.append(_("Attendance: please choose present, absent or excused for %s.")
                              % registration.name)
        unknown = [key for key in post if key.startswith("status_")
                   and _int(key[7:]) not in participants.ids]
        if unknown and not errors:
            errors.append(_("Participant: only participants of the course %s can be recorded.")
                          % event.name)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    self._save_attendance(session, participants, form)
            except (UserError, ValidationError, AccessError) as exc:
                errors.append(_error_text(exc))
            else:
                return request.redirect("/my/provider/courses/%d?message=attendance" % event.id)
        return request.render("qnetz_portal.portal_provider_course", self._provider_course_values(
            event, session=session, error_messages=errors, form=form))

    def _save_attendance(self, session, participants, form):
        """Written as the portal user: the record rules allow the provider's courses only."""
        Attendance = request.env["qnetz.attendance"]
        existing = {a.registration_id.id: a for a in Attendance.search(
            [("session_id", "=", session.id), ("registration_id", "in", participants.ids)])}
        for registration in participants:
            status = form[registration.id]
            attendance = existing.get(registration.id)
            if attendance:
                if attendance.status != status:
                    attendance.write({"status": status})
            else:
                Attendance.create({"session_id": session.id,
                                   "registration_id": registration.id, "status": status})

    @http.route(["/my/provider/courses/<int:event_id>/invoice"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_provider_invoice(self, event_id, confirm_complete=None, **post):
        event = self._get_provider_course(event_id)
        errors = []
        if self._provider_bill(event):
            return request.redirect("/my/provider/courses/%d?message=already_billed" % event.id)
        values = self._provider_course_values(event)
        if not confirm_complete:
            errors.append(_("Attendance complete: please confirm that the attendance of all "
                            "sessions is recorded completely."))
        if not values["finished"]:
            errors.append(_("Course: %s has not finished yet; the invoice can be submitted "
                            "after the last session.") % event.name)
        elif event.state == "cancel":
            errors.append(_("Course: %s was cancelled.") % event.name)
        if not values["complete"]:
            errors.append(_("Attendance: some sessions still lack attendance entries."))
        if not errors:
            try:
                with request.env.cr.savepoint():
                    self._submit_provider_bill(event)
            except (UserError, ValidationError, AccessError) as exc:
                errors.append(_error_text(exc))
            else:
                return request.redirect("/my/provider/courses/%d?message=billed" % event.id)
        values["error_messages"] = errors
        return request.render("qnetz_portal.portal_provider_course", values)

    def _submit_provider_bill(self, event):
        """sudo: the provider may not create vendor bills; the course is its own (searched
        under its record rules) and qnetz_courses' billing service makes the draft bill,
        at most one per course."""
        course = event.sudo()
        bill = course._qnetz_create_provider_bill()
        author = request.env.user.partner_id
        note = _("%s submitted the invoice in the portal and confirmed that the attendance "
                 "is complete.") % author.name
        course.message_post(body=note, author_id=author.id, message_type="comment",
                            subtype="mail.mt_note")
        bill.message_post(body=note, author_id=author.id, message_type="comment",
                          subtype="mail.mt_note")
        coordinator = course.user_id if course.user_id and not course.user_id.share else \
            request.env["res.partner"]._qnetz_default_coordinator(course.provider_id)
        activity_type = request.env.ref("mail.mail_activity_data_todo",
                                        raise_if_not_found=False)
        if coordinator:
            request.env["mail.activity"].sudo().create({
                "res_model_id": request.env["ir.model"].sudo()._get("account.invoice").id,
                "res_id": bill.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": _("Validate the provider's invoice"),
                "note": note,
                "user_id": coordinator.id,
                "date_deadline": fields.Date.context_today(request.env.user),
            })
        return bill
