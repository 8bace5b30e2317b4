from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager
from odoo.addons.qnetz_base.models.qnetz_need_intake import INTAKE_CHANNELS
from odoo.addons.qnetz_base.tools import to_int as _int


def _error_text(exc):
    return getattr(exc, "name", None) or (exc.args and exc.args[0]) or str(exc)


def _portal_action(action, *args, **kwargs):
    """Call a model's portal action. A refusal undoes what the action began and comes back
    as the message to show: returns (result, None) or (None, message)."""
    try:
        with request.env.cr.savepoint():
            return action(*args, **kwargs), None
    except (UserError, ValidationError, AccessError) as exc:
        return None, _error_text(exc)


class QnetzPortal(CustomerPortal):
    """The network's pages in Odoo's portal.

    Every page reads as the portal user, so the record rules of qnetz_portal decide what
    can be seen; sudo() is used only for side records a portal user may not read (the
    venue, the school, the certificate report), always behind an explicit ownership check.
    """

    # ------------------------------------------------------------------ helpers

    def _qnetz_roles(self):
        return request.env.user._qnetz_portal_roles()

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
        values["qnetz_roles"] = self._qnetz_roles()
        return values

    @http.route()
    def home(self, **kw):
        """The start page with its counts. Only it shows them: every other portal page
        builds its layout without them (each count is a search through the record
        rules, together most of the queries of a portal page)."""
        values = self._prepare_portal_layout_values()
        values.update(self._qnetz_home_counts(
            values["qnetz_roles"], request.env.user.commercial_partner_id))
        return request.render("portal.portal_my_home", values)

    def _qnetz_home_counts(self, roles, partner):
        values = {}
        if "company" in roles:
            values["qnetz_need_count"] = request.env["qnetz.need"].search_count(
                self._need_domain(partner))
            values["qnetz_apprentice_count"] = request.env["res.partner"].search_count(
                self._apprentice_domain(partner))
            # what waits for the company: needs the coordinator has not taken up yet and
            # invoices to pay (read with the user's own rights, as on their pages)
            values["qnetz_new_need_count"] = request.env["qnetz.need"].search_count(
                self._need_domain(partner) + [("state", "=", "new")])
            values["qnetz_open_invoice_count"] = request.env["account.invoice"].search_count([
                ("partner_id", "child_of", partner.id), ("type", "=", "out_invoice"),
                ("state", "=", "open")])
        # the course part (courses.py) and the quotes (quotes.py) add theirs
        return values

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
            "max_participants": INTAKE_CHANNELS["portal"]["max_participants"],
        })
        return values

    def _need_form_parse(self, company, post):
        """Read the posted form and check it with the need's own intake rules.
        Returns (form, data, errors): form keeps what the user typed so the page can
        show it again, data is what goes to the need's portal action."""
        apprentice_ids = [_int(v) for v in request.httprequest.form.getlist("apprentice_ids")]
        form = {key: (post.get(key) or "").strip() for key in (
            "area", "topic", "occupation_id", "participant_count", "preferred_place",
            "preferred_time", "wanted_start", "urgency", "description")}
        form["apprentice_ids"] = apprentice_ids
        data = dict(form)
        _values, errors = request.env["qnetz.need"]._qnetz_check_intake(
            data, "portal", company)
        return form, data, errors

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
        form, data, errors = self._need_form_parse(company, post)
        messages = list(errors.values())
        if not errors:
            need_id, error = _portal_action(request.env["qnetz.need"].qnetz_portal_report, data)
            if not error:
                return request.redirect("/my/needs/%d?message=created" % need_id)
            messages.append(error)
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
        form, data, errors = self._need_form_parse(company, post)
        messages = list(errors.values())
        if not errors:
            _result, error = _portal_action(need.qnetz_portal_update, data)
            if not error:
                return request.redirect("/my/needs/%d?message=saved" % need.id)
            messages.append(error)
        return request.render("qnetz_portal.portal_need_form", self._need_form_context(
            company, need=need, form=form, errors=errors, messages=messages))

    @http.route(["/my/needs/<int:need_id>/withdraw"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_need_withdraw(self, need_id, reason=None, **post):
        need = self._get_need(need_id)
        reason = (reason or "").strip()
        _result, error = _portal_action(need.qnetz_portal_withdraw, reason)
        if error:
            return self.portal_need_page(need_id, withdraw_reason=reason,
                                         error_messages=[error])
        return request.redirect("/my/needs/%d?message=withdrawn" % need.id)

    # ------------------------------------------------------------------ apprentices

    @http.route(["/my/apprentices"], type="http", auth="user", website=True)
    def portal_my_apprentices(self, message=None, error_messages=None, **kw):
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
            "error_messages": error_messages or [],
        })
        return request.render("qnetz_portal.portal_my_apprentices", values)

    def _apprentice_form_context(self, form=None, errors=None, messages=None):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "qnetz_apprentice_form",
            "apprentice": None,
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

    def _apprentice_form_data(self, post, with_consent):
        keys = ("name", "email", "occupation_id", "training_year", "vocational_school_id")
        if with_consent:
            keys += ("consent", "consent_given_by", "consent_purpose")
        return {key: (post.get(key) or "").strip() for key in keys}

    @http.route(["/my/apprentices/new"], type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_apprentice_new(self, **post):
        self._qnetz_company()
        if request.httprequest.method != "POST":
            return request.render("qnetz_portal.portal_apprentice_form",
                                  self._apprentice_form_context())
        form = self._apprentice_form_data(post, with_consent=True)
        Partner = request.env["res.partner"]
        _values, errors = Partner._qnetz_check_apprentice_values(form, with_consent=True)
        messages = list(errors.values())
        if not errors:
            apprentice_id, error = _portal_action(Partner.qnetz_portal_add_apprentice, form)
            if not error:
                return request.redirect("/my/apprentices?message=created&id=%d" % apprentice_id)
            messages.append(error)
        return request.render("qnetz_portal.portal_apprentice_form",
                              self._apprentice_form_context(form, errors, messages))

    def _get_apprentice(self, apprentice_id):
        company = self._qnetz_company()
        apprentice = request.env["res.partner"].search(
            [("id", "=", apprentice_id)] + self._apprentice_domain(company), limit=1)
        if not apprentice:
            raise NotFound()
        return apprentice

    @http.route(["/my/apprentices/<int:apprentice_id>"], type="http", auth="user",
                website=True, methods=["GET", "POST"])
    def portal_apprentice_edit(self, apprentice_id, **post):
        apprentice = self._get_apprentice(apprentice_id)
        if request.httprequest.method != "POST":
            form = {
                "name": apprentice.name, "email": apprentice.email or "",
                "occupation_id": str(apprentice.occupation_id.id or ""),
                "training_year": apprentice.training_year or "",
                "vocational_school_id": str(apprentice.sudo().vocational_school_id.id or ""),
            }
            values = self._apprentice_form_context(form)
            values["apprentice"] = apprentice
            return request.render("qnetz_portal.portal_apprentice_form", values)
        form = self._apprentice_form_data(post, with_consent=False)
        _values, errors = request.env["res.partner"]._qnetz_check_apprentice_values(
            form, with_consent=False)
        messages = list(errors.values())
        if not errors:
            _result, error = _portal_action(apprentice.qnetz_portal_update_apprentice, form)
            if not error:
                return request.redirect("/my/apprentices?message=saved&id=%d" % apprentice.id)
            messages.append(error)
        values = self._apprentice_form_context(form, errors, messages)
        values["apprentice"] = apprentice
        return request.render("qnetz_portal.portal_apprentice_form", values)

    @http.route(["/my/apprentices/<int:apprentice_id>/remove"], type="http", auth="user",
                website=True, methods=["GET", "POST"])
    def portal_apprentice_remove(self, apprentice_id, confirmed=None, **post):
        """Only the coordinator can bring a removed apprentice back: the page asks first."""
        apprentice = self._get_apprentice(apprentice_id)
        if request.httprequest.method != "POST" or confirmed != "1":
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "qnetz_apprentices", "apprentice": apprentice})
            return request.render("qnetz_portal.portal_apprentice_remove_confirm", values)
        _result, error = _portal_action(apprentice.qnetz_portal_remove_apprentice)
        if error:
            return self.portal_my_apprentices(error_messages=[error])
        return request.redirect("/my/apprentices?message=removed")
