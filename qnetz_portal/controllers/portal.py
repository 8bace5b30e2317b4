import re

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, fields, http, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PARTICIPANTS = 99


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _error_text(exc):
    return getattr(exc, "name", None) or (exc.args and exc.args[0]) or str(exc)


class QnetzPortal(CustomerPortal):
    """The network's pages in Odoo's portal.

    Every page reads as the portal user, so the record rules of qnetz_portal decide what
    can be seen; sudo() is used only for side records a portal user may not read (the
    venue, the school, the certificate report), always behind an explicit ownership check.
    """

    # ------------------------------------------------------------------ helpers

    def _qnetz_roles(self):
        return request.env.user.partner_id._qnetz_portal_roles()

    def _qnetz_company(self):
        """The training company the user works for; 403 for everyone else."""
        if "company" not in self._qnetz_roles():
            raise Forbidden()
        return request.env.user.commercial_partner_id

    def _qnetz_provider(self):
        if "provider" not in self._qnetz_roles():
            raise Forbidden()
        return request.env.user.commercial_partner_id

    def _need_domain(self, company):
        return [("partner_id", "child_of", company.id)]

    def _apprentice_domain(self, company):
        return [("is_apprentice", "=", True), ("employer_id", "=", company.id)]

    def _get_need(self, need_id):
        company = self._qnetz_company()
        need = request.env["qnetz.need"].search(
            [("id", "=", need_id)] + self._need_domain(company), limit=1)
        if not need:
            raise NotFound()
        return need

    def _selection(self, model, field):
        return request.env[model]._fields[field]._description_selection(request.env)

    def _prepare_portal_layout_values(self):
        values = super(QnetzPortal, self)._prepare_portal_layout_values()
        roles = self._qnetz_roles()
        values["qnetz_roles"] = roles
        partner = request.env.user.commercial_partner_id
        if "company" in roles:
            values["qnetz_need_count"] = request.env["qnetz.need"].search_count(
                self._need_domain(partner))
            values["qnetz_apprentice_count"] = request.env["res.partner"].search_count(
                self._apprentice_domain(partner))
        values.update(self._qnetz_course_layout_values(roles, partner))
        return values

    def _qnetz_course_layout_values(self, roles, partner):
        # extended below by the course part once qnetz_courses provides the models
        return {}

    # ------------------------------------------------------------------ needs

    def _need_form_context(self, company, need=None, form=None, errors=None, messages=None):
        apprentices = request.env["res.partner"].search(self._apprentice_domain(company))
        if form is None:
            form = {}
            if need:
                form = {
                    "area": need.area, "topic": need.topic,
                    "occupation_id": need.occupation_id.id,
                    "participant_count": need.participant_count,
                    "preferred_place": need.preferred_place,
                    "preferred_time": need.preferred_time,
                    "wanted_start": need.wanted_start or "",
                    "urgency": need.urgency, "description": need.description or "",
                    "apprentice_ids": need.apprentice_ids.ids,
                }
            else:
                form = {
                    "participant_count": 1, "preferred_place": "either",
                    "preferred_time": "any", "urgency": "1", "apprentice_ids": [],
                }
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_need_form",
            "need": need,
            "form": form,
            "errors": errors or {},
            "error_messages": messages or [],
            "apprentices": apprentices,
            "occupations": request.env["qnetz.occupation"].search([]),
            "areas": self._selection("qnetz.need", "area"),
            "places": self._selection("qnetz.need", "preferred_place"),
            "times": self._selection("qnetz.need", "preferred_time"),
            "urgencies": self._selection("qnetz.need", "urgency"),
            "max_participants": MAX_PARTICIPANTS,
        })
        return values

    def _need_form_parse(self, company, post):
        """Check the form like the backend does and return (form, vals, errors, messages).
        form keeps what the user typed so the page can show it again."""
        Need = request.env["qnetz.need"]
        fields_ = Need._fields
        labels = {name: fields_[name].get_description(request.env)["string"]
                  for name in ("area", "topic", "occupation_id", "participant_count",
                               "preferred_place", "preferred_time", "wanted_start",
                               "urgency", "apprentice_ids")}
        apprentice_ids = [_int(v) for v in request.httprequest.form.getlist("apprentice_ids")]
        form = {key: (post.get(key) or "").strip() for key in (
            "area", "topic", "occupation_id", "participant_count", "preferred_place",
            "preferred_time", "wanted_start", "urgency", "description")}
        form["apprentice_ids"] = apprentice_ids
        errors, messages = {}, []

        def fail(field, message):
            errors[field] = True
            messages.append(message)

        for field in ("area", "preferred_place", "preferred_time", "urgency"):
            keys = dict(self._selection("qnetz.need", field))
            if not form[field]:
                fail(field, _("%s: please choose a value.") % labels[field])
            elif form[field] not in keys:
                fail(field, _("%s: please choose one of the offered values.") % labels[field])
        if not form["topic"]:
            fail("topic", _("%s: please describe what should be learnt.") % labels["topic"])
        occupation = request.env["qnetz.occupation"]
        if form["occupation_id"]:
            occupation = occupation.search([("id", "=", _int(form["occupation_id"]))])
            if not occupation:
                fail("occupation_id", _("%s: unknown occupation.") % labels["occupation_id"])
        count = form["participant_count"]
        if not count.isdigit() or not 1 <= int(count) <= MAX_PARTICIPANTS:
            fail("participant_count", _("%s: please enter a whole number from 1 to %d.")
                 % (labels["participant_count"], MAX_PARTICIPANTS))
        wanted = form["wanted_start"]
        if wanted:
            try:
                if not DATE_RE.match(wanted):
                    raise ValueError
                fields.Date.from_string(wanted)
            except ValueError:
                fail("wanted_start", _("%s: please enter a date (YYYY-MM-DD).")
                     % labels["wanted_start"])
            else:
                if wanted < fields.Date.context_today(request.env.user):
                    fail("wanted_start", _("%s: the date cannot be in the past.")
                         % labels["wanted_start"])
        apprentices = request.env["res.partner"].search(
            self._apprentice_domain(company) + [("id", "in", apprentice_ids)])
        if len(apprentices) != len(set(apprentice_ids)):
            fail("apprentice_ids", _("%s: only your own apprentices can be chosen.")
                 % labels["apprentice_ids"])
        elif count.isdigit() and len(apprentices) > int(count):
            fail("apprentice_ids",
                 _("%s: %d apprentices are chosen, more than the %s participants.")
                 % (labels["apprentice_ids"], len(apprentices), count))
        vals = {}
        if not errors:
            vals = {
                "area": form["area"], "topic": form["topic"],
                "occupation_id": occupation.id or False,
                "participant_count": int(count),
                "preferred_place": form["preferred_place"],
                "preferred_time": form["preferred_time"],
                "wanted_start": wanted or False,
                "urgency": form["urgency"],
                "description": form["description"] or False,
                "apprentice_ids": [(6, 0, apprentices.ids)],
            }
        return form, vals, errors, messages

    @http.route(["/my/needs", "/my/needs/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_needs(self, page=1, sortby=None, **kw):
        company = self._qnetz_company()
        Need = request.env["qnetz.need"]
        domain = self._need_domain(company)
        sortings = {
            "date": {"label": _("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc"},
            "state": {"label": _("State"), "order": "state, id desc"},
        }
        sortby = sortby if sortby in sortings else "date"
        total = Need.search_count(domain)
        pager = portal_pager(url="/my/needs", url_args={"sortby": sortby}, total=total,
                             page=page, step=self._items_per_page)
        needs = Need.search(domain, order=sortings[sortby]["order"],
                            limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update({
            "needs": needs,
            "page_name": "qnetz_need",
            "pager": pager,
            "default_url": "/my/needs",
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "states": dict(self._selection("qnetz.need", "state")),
            "areas": dict(self._selection("qnetz.need", "area")),
            "message": kw.get("message"),
        })
        return request.render("qnetz_portal.portal_my_needs", values)

    @http.route(["/my/needs/new"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_need_new(self, **post):
        company = self._qnetz_company()
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_need_form",
                                  self._need_form_context(company))
        form, vals, errors, messages = self._need_form_parse(company, post)
        if not errors:
            vals["partner_id"] = company.id
            try:
                with request.env.cr.savepoint():
                    need = request.env["qnetz.need"].create(vals)
            except (UserError, ValidationError, AccessError) as exc:
                messages.append(_error_text(exc))
            else:
                return request.redirect("/my/needs/%d?message=created" % need.id)
        return request.render("qnetz_portal.portal_need_form", self._need_form_context(
            company, form=form, errors=errors, messages=messages))

    @http.route(["/my/needs/<int:need_id>"], type="http", auth="user", website=True)
    def portal_need_page(self, need_id, message=None, **kw):
        need = self._get_need(need_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "need": need,
            "page_name": "qnetz_need",
            "states": dict(self._selection("qnetz.need", "state")),
            "areas": dict(self._selection("qnetz.need", "area")),
            "places": dict(self._selection("qnetz.need", "preferred_place")),
            "times": dict(self._selection("qnetz.need", "preferred_time")),
            "urgencies": dict(self._selection("qnetz.need", "urgency")),
            "message": message,
            "error_messages": kw.get("error_messages") or [],
            "withdraw_reason": kw.get("withdraw_reason", ""),
        })
        return request.render("qnetz_portal.portal_need_page", values)

    @http.route(["/my/needs/<int:need_id>/edit"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_need_edit(self, need_id, **post):
        need = self._get_need(need_id)
        company = request.env.user.commercial_partner_id
        if need.state != "new":
            return self.portal_need_page(need_id, error_messages=[
                _("State: a need can only be changed while it is new; "
                  "please contact the coordinator.")])
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_need_form",
                                  self._need_form_context(company, need=need))
        form, vals, errors, messages = self._need_form_parse(company, post)
        if not errors:
            try:
                with request.env.cr.savepoint():
                    need.write(vals)
            except (UserError, ValidationError, AccessError) as exc:
                messages.append(_error_text(exc))
            else:
                return request.redirect("/my/needs/%d?message=saved" % need.id)
        return request.render("qnetz_portal.portal_need_form", self._need_form_context(
            company, need=need, form=form, errors=errors, messages=messages))

    @http.route(["/my/needs/<int:need_id>/withdraw"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_need_withdraw(self, need_id, reason=None, **post):
        need = self._get_need(need_id)
        reason = (reason or "").strip()
        label = need._fields["withdraw_reason"].get_description(request.env)["string"]
        if not reason:
            return self.portal_need_page(need_id, error_messages=[
                _("%s: please tell the coordinator why the need is withdrawn.") % label])
        if need.state not in ("new", "qualified"):
            return self.portal_need_page(need_id, withdraw_reason=reason, error_messages=[
                _("State: this need can no longer be withdrawn in the portal; "
                  "please contact the coordinator.")])
        try:
            with request.env.cr.savepoint():
                need.action_withdraw(reason=reason)
        except (UserError, ValidationError, AccessError) as exc:
            return self.portal_need_page(need_id, withdraw_reason=reason,
                                         error_messages=[_error_text(exc)])
        return request.redirect("/my/needs/%d?message=withdrawn" % need.id)

    # ------------------------------------------------------------------ apprentices

    @http.route(["/my/apprentices"], type="http", auth="user", website=True)
    def portal_my_apprentices(self, message=None, **kw):
        company = self._qnetz_company()
        apprentices = request.env["res.partner"].search(
            self._apprentice_domain(company), order="name")
        values = self._prepare_portal_layout_values()
        values.update({
            "apprentices": apprentices,
            # the school is another organisation; only its name is shown
            "schools": {a.id: a.vocational_school_id.name or "" for a in apprentices.sudo()},
            "years": dict(self._selection("res.partner", "training_year")),
            "page_name": "qnetz_apprentice",
            "message": message,
        })
        return request.render("qnetz_portal.portal_my_apprentices", values)

    def _apprentice_form_context(self, form=None, errors=None, messages=None):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_apprentice_form",
            "form": form or {"consent_purpose": self._default_consent_purpose()},
            "errors": errors or {},
            "error_messages": messages or [],
            "occupations": request.env["qnetz.occupation"].search([]),
            "schools": request.env["res.partner"].sudo().search(
                [("is_vocational_school", "=", True)], order="name"),
            "years": self._selection("res.partner", "training_year"),
        })
        return values

    def _default_consent_purpose(self):
        return _("Registration for and participation in courses of the qualification "
                 "network Höxter-Holzminden, including certificates of participation.")

    @http.route(["/my/apprentices/new"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_apprentice_new(self, **post):
        company = self._qnetz_company()
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_apprentice_form",
                                  self._apprentice_form_context())
        form = {key: (post.get(key) or "").strip() for key in (
            "name", "email", "occupation_id", "training_year", "vocational_school_id",
            "consent", "consent_given_by", "consent_purpose")}
        errors, messages = {}, []

        def fail(field, message):
            errors[field] = True
            messages.append(message)

        if not form["name"]:
            fail("name", _("Name: please enter the apprentice's name."))
        if form["email"] and not tools.single_email_re.match(form["email"]):
            fail("email", _("Email: please enter a valid email address."))
        occupation = request.env["qnetz.occupation"]
        if form["occupation_id"]:
            occupation = occupation.search([("id", "=", _int(form["occupation_id"]))])
            if not occupation:
                fail("occupation_id", _("Training Occupation: unknown occupation."))
        if form["training_year"] and form["training_year"] not in dict(
                self._selection("res.partner", "training_year")):
            fail("training_year", _("Training Year: please choose one of the offered values."))
        school = request.env["res.partner"]
        if form["vocational_school_id"]:
            # sudo: schools are other organisations; the domain keeps it to schools
            school = school.sudo().search([("id", "=", _int(form["vocational_school_id"])),
                                           ("is_vocational_school", "=", True)])
            if not school:
                fail("vocational_school_id", _("Vocational School: unknown school."))
        if not form["consent"]:
            fail("consent", _("Consent: the apprentice's consent to the processing of "
                              "their data is needed."))
        if not form["consent_given_by"]:
            fail("consent_given_by", _("Consent given by: please name who gave the consent."))
        if not form["consent_purpose"]:
            fail("consent_purpose", _("Purpose of the consent: please describe the purpose."))
        if not errors:
            try:
                with request.env.cr.savepoint():
                    apprentice = self._create_apprentice(company, form, occupation, school)
            except (UserError, ValidationError, AccessError) as exc:
                messages.append(_error_text(exc))
            else:
                return request.redirect("/my/apprentices?message=created&id=%d" % apprentice.id)
        return request.render("qnetz_portal.portal_apprentice_form",
                              self._apprentice_form_context(form, errors, messages))

    def _create_apprentice(self, company, form, occupation, school):
        """sudo: portal users may not create contacts; the values are fixed here so the
        new contact can only be an apprentice of the user's own company."""
        apprentice = request.env["res.partner"].sudo().create({
            "name": form["name"],
            "email": form["email"] or False,
            "is_company": False,
            "is_apprentice": True,
            "employer_id": company.id,
            "occupation_id": occupation.id or False,
            "training_year": form["training_year"] or False,
            "vocational_school_id": school.id or False,
            "lang": request.env.user.lang,
        })
        consent = {
            "consent_date": fields.Date.context_today(request.env.user),
            "consent_given_by": form["consent_given_by"],
            "consent_purpose": form["consent_purpose"],
        }
        self._record_consent(apprentice, consent)
        return apprentice

    def _record_consent(self, apprentice, consent):
        if "qnetz.target.profile" in request.env:
            Profile = request.env["qnetz.target.profile"].sudo()
            profile = Profile.search([("partner_id", "=", apprentice.id)], limit=1)
            if profile:
                profile.write(consent)
            else:
                consent["partner_id"] = apprentice.id
                Profile.create(consent)
        apprentice.message_post(body=_(
            "Consent recorded in the portal by %s on %s: given by %s for: %s") % (
            request.env.user.name, consent["consent_date"], consent["consent_given_by"],
            consent["consent_purpose"]), message_type="comment", subtype="mail.mt_note",
            author_id=request.env.user.partner_id.id)
