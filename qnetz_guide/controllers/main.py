from werkzeug.datastructures import MultiDict
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.http import request

from odoo.addons.http_routing.models.ir_http import slug
from odoo.addons.website.controllers.main import Website

from ..models.qnetz_offer import FACETS
from ..page_cache import cached_public_page

PAGE_SIZE = 12
# A phone shows the catalogue a page at a time; the cost of a page stays the same however
# many courses the network plans.
COURSE_PAGE_SIZE = 20


def _selected_filters(args, options):
    """Known filter values from the query string, and the unknown ones (to tell)."""
    selected, unknown = {}, []
    for facet in FACETS:
        valid = [code for code, _label in options[facet]]
        given = [value for value in args.getlist(facet) if value]
        unknown += [value for value in given if value not in valid]
        chosen = [code for code in valid if code in given]
        if chosen:
            selected[facet] = chosen
    return selected, unknown


def _state_args(search, selected):
    """The filter state as URL parameters, in a stable order so URLs can be shared."""
    args = MultiDict()
    if search:
        args.add("search", search)
    for facet in FACETS:
        for code in selected.get(facet, ()):
            args.add(facet, code)
    return args


class QnetzGuide(http.Controller):

    def sitemap_guide(env, rule, qs):
        if not qs or qs.lower() in "/wegweiser":
            yield {"loc": "/wegweiser"}

    def sitemap_offers(env, rule, qs):
        # env is the website's public user: the record rule applies as well.
        Offer = env["qnetz.offer"]
        for offer in Offer.search(Offer._qnetz_visible_domain()):
            loc = "/wegweiser/%s" % slug(offer)
            if not qs or qs.lower() in loc.lower():
                yield {"loc": loc}

    def sitemap_courses(env, rule, qs):
        if not qs or qs.lower() in "/wegweiser/kurse":
            yield {"loc": "/wegweiser/kurse"}

    def sitemap_need_form(env, rule, qs):
        if not qs or qs.lower() in "/bedarf-melden":
            yield {"loc": "/bedarf-melden"}

    # --- Wegweiser: listing and detail -------------------------------------------------

    @http.route(["/wegweiser", "/wegweiser/page/<int:page>"], type="http", auth="public",
                website=True, sitemap=sitemap_guide)
    def guide(self, page=1, **kwargs):
        return cached_public_page(lambda: self._qnetz_page(page), ("search",) + FACETS)

    def _qnetz_page(self, page):
        Offer = request.env["qnetz.offer"]
        args = request.httprequest.args
        search, search_cut = Offer._qnetz_clean_search(args.get("search", ""))
        options = Offer._qnetz_facet_options()
        selected, unknown = _selected_filters(args, options)
        offer_ids, counts = Offer._qnetz_search(search, selected)

        state = _state_args(search, selected)
        try:
            page = int(page)
        except (TypeError, ValueError):
            page = 1
        pager = request.website.pager(
            url="/wegweiser", total=len(offer_ids), page=page, step=PAGE_SIZE, scope=5,
            url_args=state)
        offers = Offer.browse(offer_ids[pager["offset"]:pager["offset"] + PAGE_SIZE])
        # Institutions are partners; visitors only get their names, read in one query.
        institution_names = {offer.id: offer.institution_id.name for offer in offers.sudo()}

        messages = []
        if unknown:
            messages.append(_("Some filters in the address are unknown and were ignored: %s")
                            % ", ".join(unknown[:5]))
        if search_cut:
            messages.append(_("Your search was shortened to \"%s\".") % search)
        if page < 1 or (offer_ids and page > pager["page_count"]):
            messages.append(_("There is no page %s; you see page %s.")
                            % (page, pager["page"]["num"]))

        labels = {facet: dict(options[facet]) for facet in FACETS}
        active_filters = []
        for facet in FACETS:
            for code in selected.get(facet, ()):
                rest = {f: [c for c in codes if (f, c) != (facet, code)]
                        for f, codes in selected.items()}
                query = url_encode(_state_args(search, rest))
                active_filters.append({
                    "label": labels[facet][code],
                    "url": "/wegweiser" + ("?" + query if query else ""),
                })
        query = url_encode(state)
        # Network courses match the same words; they live in the catalogue, not among
        # the offers, so they are listed above the offers rather than counted with them.
        courses = request.env["event.event"]._qnetz_search_courses(search) if search else []
        values = {
            "courses": courses._qnetz_catalogue_rows() if courses else [],
            "offers": offers,
            "institution_names": institution_names,
            # Plain labels: t-field's converters cost more than the rest of an item.
            "region_labels": dict(Offer._fields["region"]._description_selection(request.env)),
            "cost_labels": labels["cost"],
            "offer_count": len(offer_ids),
            "search": search,
            "options": options,
            "selected": selected,
            "counts": counts,
            "pager": pager,
            "messages": messages,
            "active_filters": active_filters,
            "state_query": query,
            "reset_search_url": "/wegweiser" + (
                "?" + url_encode(_state_args("", selected)) if selected else ""),
        }
        return request.render("qnetz_guide.guide_index", values)

    @http.route(["/wegweiser/<qnetz_offer:offer>"], type="http", auth="public", website=True,
                sitemap=sitemap_offers)
    def guide_offer(self, offer, **kwargs):
        Offer = request.env["qnetz.offer"]
        args = request.httprequest.args
        search, _cut = Offer._qnetz_clean_search(args.get("search", ""))
        selected, _unknown = _selected_filters(args, Offer._qnetz_facet_options())
        query = url_encode(_state_args(search, selected))
        values = {
            "offer": offer,
            "main_object": offer,
            "institution": offer.sudo().institution_id,
            "steps": offer._qnetz_application_steps(),
            "description_html": offer._qnetz_description_html(),
            "back_url": "/wegweiser" + ("?" + query if query else ""),
        }
        return request.render("qnetz_guide.guide_offer", values)

    # --- Course catalogue ----------------------------------------------------------------

    @http.route(["/wegweiser/kurse", "/wegweiser/kurse/page/<int:page>"], type="http",
                auth="public", website=True, sitemap=sitemap_courses)
    def course_catalogue(self, page=1, **kwargs):
        def render():
            Event = request.env["event.event"]
            pager = request.website.pager(
                url="/wegweiser/kurse", total=Event._qnetz_catalogue_count(), page=page,
                step=COURSE_PAGE_SIZE, scope=5)
            courses = Event._qnetz_catalogue_courses(
                limit=COURSE_PAGE_SIZE, offset=pager["offset"])
            return request.render("qnetz_guide.course_catalogue", {
                "courses": courses,
                "course_rows": courses._qnetz_catalogue_rows(),
                "pager": pager,
            })
        return cached_public_page(render)

    @http.route(["/wegweiser/kurse/<int:course_id>"], type="http", auth="public", website=True,
                sitemap=False)
    def course_page(self, course_id, **kwargs):
        def render():
            course = request.env["event.event"]._qnetz_catalogue_course(course_id)
            if not course:
                raise request.not_found()
            return request.render("qnetz_guide.course_page", {
                "course": course,
                "row": course._qnetz_catalogue_rows()[0],
                "sessions": course._qnetz_session_rows(),
                "module_html": course._qnetz_module_html(),
            })
        return cached_public_page(render)

    # --- Practice time on machines ------------------------------------------------------

    @http.route(["/wegweiser/uebungszeit"], type="http", auth="public", website=True)
    def practice_time(self, **kwargs):
        def render():
            return request.render("qnetz_guide.practice_time", {
                "workshops": request.env["qnetz.workshop"]._qnetz_open_practice_time()})
        return cached_public_page(render)

    # --- Legal pages ---------------------------------------------------------------------

    @http.route(["/impressum"], type="http", auth="public", website=True)
    def impressum(self, **kwargs):
        return request.render("qnetz_guide.impressum", {})

    @http.route(["/datenschutz"], type="http", auth="public", website=True)
    def privacy_notice(self, **kwargs):
        return request.render("qnetz_guide.datenschutz", {})

    # --- Report a need ("Bedarf melden") -------------------------------------------------

    @http.route(["/bedarf-melden"], type="http", auth="public", website=True,
                methods=["GET", "POST"], sitemap=sitemap_need_form)
    def need_form(self, **post):
        Need = request.env["qnetz.need"]
        if request.httprequest.method != "POST":
            # The empty form is the same for every visitor but for its signed time, which
            # each gets anew when served (from the cache, before any routing: sudo).
            return cached_public_page(
                lambda token: self._render_need_form({}, {}, token),
                fresh=[lambda: request.env["qnetz.need"].sudo()._qnetz_form_token()])
        result = Need._qnetz_submit_report(post, request.httprequest.remote_addr)
        if result.get("ok"):
            return request.redirect("/bedarf-melden/danke")
        return self._render_need_form(
            post, result["errors"], result.get("token") or Need._qnetz_form_token())

    def _render_need_form(self, post, errors, token):
        values = {
            "form": {key: value for key, value in post.items()
                     if key not in ("csrf_token", "form_token")},
            "errors": errors,
            "form_token": token,
            "need_options": request.env["qnetz.need"]._qnetz_form_options(),
        }
        return request.render("qnetz_guide.need_form", values)

    @http.route(["/bedarf-melden/danke"], type="http", auth="public", website=True,
                sitemap=False)
    def need_form_thanks(self, **kwargs):
        return request.render("qnetz_guide.need_form_thanks", {})


class QnetzWebsite(Website):

    @http.route()
    def change_lang(self, lang, r="/", **kwargs):
        """The language switch goes back to a page of this site only (open redirect)."""
        r = request.env["ir.http"]._qnetz_local_redirect(r, "/")
        return super(QnetzWebsite, self).change_lang(lang, r=r, **kwargs)

    @http.route()
    def index(self, **kw):
        """The network's home page, with the next courses, instead of Odoo's empty page."""
        def render():
            courses = request.env["event.event"]._qnetz_catalogue_courses(limit=3)
            return request.render("qnetz_guide.home", {
                "next_courses": courses._qnetz_catalogue_rows(),
            })
        return cached_public_page(render)
