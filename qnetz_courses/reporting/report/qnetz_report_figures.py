import datetime
import io
from collections import defaultdict

import pytz
import xlsxwriter

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .qnetz_report_analysis import REPORT_TZ

# the measures of qnetz.report.analysis the figures sum
SUM_COLUMNS = (
    "need_count", "need_withdrawn_count", "need_served_count", "course_count",
    "participant_count", "attended_hours", "planned_hours",
    "certificate_count", "amount_gross", "amount_billed", "amount_funding", "amount_open",
    "amount_provider",
)
# The years a period of the figures may cover: the network's lifetime, with room.
PERIOD_YEARS = (1900, 2999)
# How the network writes its federal states next to a district (Odoo's code of
# Nordrhein-Westfalen is NW).
STATE_ABBREVIATIONS = {"NW": "NRW"}
# A money figure is shown to anyone but the coordinator only when the amounts behind it
# come from at least this many companies and this many providers: fewer would reveal one
# company's payments or one provider's fee (a district with a single course).
MIN_GROUP_SIZE = 3
# the section of compute() whose figures are money
MONEY_SECTION = "fees"
TARGET_GROUPS = [
    ("young_learning", "learning_difficulties"),
    ("young_gap_general", "gap_general"),
    ("young_gap_theory", "gap_theory"),
    ("young_gap_practice", "gap_practice"),
    ("young_refugee", "is_refugee"),
]


class QnetzReportFigures(models.AbstractModel):
    """The single source of the network's figures.

    `compute()` returns one dict (columns, sections, rows, values); the dashboard,
    the PDF report and the XLSX export only render it. The additive figures are sums
    over the SQL view qnetz.report.analysis (which the pivot and graph views show); the
    distinct counts (companies, young people) and the median are computed here in SQL.
    Every query groups by GROUPING SETS, so that a figure per district (and without a
    district) and in total comes from the same query and a median or a distinct count
    is never wrongly added up.
    """

    _name = "qnetz.report.figures"
    _description = "Network Figures"

    # Access ------------------------------------------------------------------

    @api.model
    def _check_report_access(self):
        # the figures are aggregates, with no name in them: the network reader's overview
        # too. The analysis rows behind the pivot stay the coordinator's (record rule).
        if self.env.uid == SUPERUSER_ID or self._qnetz_report_reader():
            return True
        raise AccessError(_("Only the network's users may see the network's figures."))

    @api.model
    def _qnetz_report_reader(self):
        """Whether the current user may read the figures (the portal adds its readers)."""
        return self.env.user.has_group("qnetz_base.group_qnetz_user")

    # Input -----------------------------------------------------------------

    @api.model
    def _check_period(self, date_from, date_to):
        """Both dates as 'YYYY-MM-DD' strings, or a clear message."""
        if not date_from or not date_to:
            raise UserError(_("Period: please give both a start date (From) and an end "
                              "date (To)."))
        try:
            start = fields.Date.from_string(date_from)
            end = fields.Date.from_string(date_to)
        except (TypeError, ValueError):
            raise UserError(_("Period: '%s' - '%s' is not a valid period; please use dates "
                              "like 2026-01-31.") % (date_from, date_to))
        if not (PERIOD_YEARS[0] <= start.year and end.year <= PERIOD_YEARS[1]):
            # the queries add a day to the end and work in UTC: year 9999 overflows
            raise UserError(_("Period: please give dates between the years %d and %d.")
                            % PERIOD_YEARS)
        if end < start:
            lang = self._lang()
            raise UserError(_("Period: the end date (To) %s is before the start date "
                              "(From) %s.") % (end.strftime(lang.date_format),
                                               start.strftime(lang.date_format)))
        return fields.Date.to_string(start), fields.Date.to_string(end)

    # Queries ---------------------------------------------------------------

    def _grouped(self, base_sql, params, measures, dims=()):
        """Aggregate `base_sql` per district, per federal state and in total.

        base_sql yields the columns district_id, state_id, the `dims` and whatever
        `measures` (name -> aggregate SQL) use. Returns {(key, column key): {measure:
        value}}; key is None for the figures over everything and (dim, value) for the
        figures per value of one dim; the column key is 'd<id>' ('d0': no district) or
        'total'.
        """
        sets = ["(district_id, state_id)", "()"]
        for dim in dims:
            sets += ["(%s, district_id, state_id)" % dim, "(%s)" % dim]
        names = list(measures)
        select = ", ".join("%s AS %s" % (measures[name], name) for name in names)
        dim_select = "".join(", %s, GROUPING(%s)" % (dim, dim) for dim in dims)
        self.env.cr.execute("""
            WITH base AS (%s)
            SELECT district_id, state_id, GROUPING(district_id), GROUPING(state_id)%s, %s
              FROM base
             GROUP BY GROUPING SETS (%s)
        """ % (base_sql, dim_select, select, ", ".join(sets)), params)
        result = {}
        width = 4 + 2 * len(dims)
        for row in self.env.cr.fetchall():
            district_id, state_id, g_district, g_state = row[:4]
            column = "d%s" % (district_id or 0) if not g_district else "total"
            key = None
            for index, dim in enumerate(dims):
                value, grouped = row[4 + 2 * index], row[5 + 2 * index]
                if not grouped:
                    # a NULL value of a dim must not pass for the figures over everything
                    key = (dim, value if value is not None else False)
            result[(key, column)] = dict(zip(names, row[width:]))
        return result

    def _disable_jit(self):
        """PostgreSQL (11+) compiles expensive queries just in time; for these queries
        the compilation costs more (0.3 s and up) than it saves. Only this transaction."""
        self.env.cr.execute("SELECT current_setting('jit', true)")
        if self.env.cr.fetchone()[0] is not None:
            self.env.cr.execute("SET LOCAL jit = off")

    def _district_clause(self, column, district_ids):
        if not district_ids:
            return "", ()
        return " AND %s IN %%s" % column, (tuple(district_ids),)

    def _utc_bounds(self, date_from, date_to):
        """The period as [start, end) in UTC, for the creation/start times in the view.

        Comparing the stored UTC times with two bounds lets the database skip converting
        every row into local time (and use the indexes).
        """
        tz = pytz.timezone(REPORT_TZ)
        start = fields.Date.from_string(date_from)
        end = fields.Date.from_string(date_to) + datetime.timedelta(days=1)

        def utc(day):
            local = tz.localize(datetime.datetime(day.year, day.month, day.day))
            return fields.Datetime.to_string(local.astimezone(pytz.utc))

        return utc(start), utc(end)

    def _facts(self, date_from, date_to, district_ids):
        """Needs, courses and fees: sums over the view qnetz.report.analysis.

        The view is the one the pivot and graph views show. One pass: the database sums
        per district, area, status and number of days; the few hundred rows are then
        added up here per district, per federal state, in total, per area and per status,
        and the median of the days comes from the counts per number of days.
        Returns the same structure as _grouped().
        """
        clause, extra = self._district_clause("a.district_id", district_ids)
        sums = ", ".join("SUM(a.%s)" % column for column in SUM_COLUMNS)
        self.env.cr.execute("""
            SELECT a.district_id, a.federal_state_id, a.area, a.need_state, a.days_to_start,
                   COUNT(a.days_to_start), %s
              FROM qnetz_report_analysis a
             WHERE a.date_time >= %%s AND a.date_time < %%s%s
             GROUP BY 1, 2, 3, 4, 5
        """ % (sums, clause), self._utc_bounds(date_from, date_to) + extra)
        totals = defaultdict(lambda: dict.fromkeys(SUM_COLUMNS, 0.0))
        days = defaultdict(lambda: defaultdict(int))
        for row in self.env.cr.fetchall():
            district_id, state_id, area, need_state, day_count, day_rows = row[:6]
            values = row[6:]
            columns = ("d%s" % (district_id or 0), "total")
            keys = (None, ("area", area or False), ("need_state", need_state or False))
            for key in keys:
                for column in columns:
                    target = totals[(key, column)]
                    for name, value in zip(SUM_COLUMNS, values):
                        target[name] += value or 0.0
                    if day_rows:
                        days[(key, column)][day_count] += day_rows
        for group_key, histogram in days.items():
            totals[group_key]["median_days"] = self._median(histogram)
        return dict(totals)

    @staticmethod
    def _median(histogram):
        """The median (as PostgreSQL's percentile_cont(0.5)) of {value: how often}."""
        count = sum(histogram.values())
        if not count:
            return None
        wanted = [(count - 1) // 2, count // 2]
        found, seen = [], 0
        for value in sorted(histogram):
            seen += histogram[value]
            while len(found) < 2 and wanted[len(found)] < seen:
                found.append(value)
        return (found[0] + found[1]) / 2.0

    def _companies(self, date_from, date_to, district_ids):
        clause, extra = self._district_clause("c.district_id", district_ids)
        base = """
            SELECT c.id, c.is_sme, COALESCE(c.industry_id, 0) AS industry_id,
                   c.district_id AS district_id, d.state_id
              FROM res_partner c
              LEFT JOIN qnetz_district d ON d.id = c.district_id
             WHERE c.id IN (SELECT a.partner_id FROM qnetz_report_analysis a
                             WHERE a.kind IN ('need', 'participant')
                               AND a.date_time >= %%s AND a.date_time < %%s
                               AND a.partner_id IS NOT NULL)%s
        """ % clause
        # a company has one district, but count distinct to be safe against duplicates
        return self._grouped(base, self._utc_bounds(date_from, date_to) + extra, {
            "companies": "COUNT(DISTINCT id)",
            "companies_sme": "COUNT(DISTINCT id) FILTER (WHERE is_sme)",
        }, dims=("industry_id",))

    def _young_people(self, date_from, date_to, district_ids):
        """Counted from the target-group profiles: anonymised people still count."""
        clause, extra = self._district_clause("tp.district_id", district_ids)
        base = """
            SELECT tp.*, d.state_id
              FROM qnetz_target_profile tp
              LEFT JOIN qnetz_district d ON d.id = tp.district_id
             WHERE tp.first_reached_date BETWEEN %%s AND %%s%s
        """ % clause
        measures = {"young_people": "COUNT(*)",
                    "young_sme": "COUNT(*) FILTER (WHERE employer_is_sme)",
                    "young_anonymised": "COUNT(*) FILTER (WHERE anonymised)"}
        for key, marker in TARGET_GROUPS:
            measures[key] = "COUNT(*) FILTER (WHERE %s)" % marker
        return self._grouped(base, (date_from, date_to) + extra, measures)

    def _money_groups(self, date_from, date_to, district_ids):
        """Who is behind the money figures of each column: {column: (companies,
        providers, billers)} as sets of partner ids; the companies invoiced, the providers
        of the courses billed or invoiced (and the providers' own bills), and the
        providers whose own bills make the provider fees (one biller's fee is its bill,
        however many providers the invoiced courses have)."""
        clause, extra = self._district_clause("a.district_id", district_ids)
        self.env.cr.execute("""
            SELECT DISTINCT a.district_id, a.kind, a.partner_id, e.provider_id
              FROM qnetz_report_analysis a
              JOIN event_event e ON e.id = a.course_id
             WHERE a.kind IN ('invoice', 'bill')
               AND a.date_time >= %%s AND a.date_time < %%s%s
        """ % clause, self._utc_bounds(date_from, date_to) + extra)
        groups = defaultdict(lambda: (set(), set(), set()))
        for district_id, kind, partner_id, provider_id in self.env.cr.fetchall():
            for column in ("d%s" % (district_id or 0), "total"):
                companies, providers, billers = groups[column]
                if kind == "invoice" and partner_id:
                    companies.add(partner_id)
                if kind == "bill" and partner_id:
                    providers.add(partner_id)
                    billers.add(partner_id)
                if provider_id:
                    providers.add(provider_id)
        return groups

    @staticmethod
    def _too_small(*groups):
        return any(0 < len(group) < MIN_GROUP_SIZE for group in groups)

    @api.model
    def _hidden_money_columns(self, date_from, date_to, district_ids, column_keys):
        """The columns whose money figures would identify a company or a provider.

        A column is hidden when fewer than MIN_GROUP_SIZE companies or providers stand
        behind its amounts. The total is hidden too when the hidden columns together
        are such a small group: the total less the columns shown would reveal them.
        """
        groups = self._money_groups(date_from, date_to, district_ids)
        empty = (set(), set(), set())
        hidden = {column for column in column_keys if column != "total"
                  and self._too_small(*groups.get(column, empty))}
        together = tuple(set().union(*[groups.get(c, empty)[index] for c in hidden])
                         for index in range(len(empty)))
        if self._too_small(*groups.get("total", empty)) or self._too_small(*together):
            hidden.add("total")
        return hidden

    @api.model
    def _sees_all_money(self):
        return self.env.uid == SUPERUSER_ID or \
            self.env.user.has_group("qnetz_base.group_qnetz_coordinator")

    # Compute ---------------------------------------------------------------

    @api.model
    def _columns(self, district_ids):
        Districts = self.env["qnetz.district"].sudo().with_context(active_test=not district_ids)
        districts = Districts.browse(district_ids) if district_ids else Districts.search([])
        # One column per district with its federal state, the figures without a district
        # and the total: the columns add up. (A column per federal state repeated the
        # districts, one per state here.)
        columns = [{"key": "d%d" % d.id, "label": "%s (%s)" % (
            d.name, STATE_ABBREVIATIONS.get(d.state_id.code, d.state_id.code))}
            for d in districts]
        if not district_ids:
            columns.append({"key": "d0", "label": _("Without District")})
        columns.append({"key": "total", "label": _("In total")})
        return columns

    @api.model
    def _qnetz_extend(self, figures, params):
        """A hook for the features above the reporting: they add their own parts to the
        figures from the request's further parameters (the funded project adds its targets
        for `project_id`), and raise UserError on a value that names nothing of theirs."""
        return figures

    @api.model
    def compute(self, date_from, date_to, district_ids=None):
        """All indicators for the period (both days included) and districts (None: all).

        Returns a dict: date_from, date_to, generated (local time, text), district_names,
        columns [{key, label}], sections [{key, title, rows [{key, label, type, values
        {column: number}, display {column: text}}]}], totals {row key: total value},
        empty (True when nothing at all happened in the period), money_hidden (the
        columns whose money figures are withheld from this user: None as value) and
        money_hidden_note (what the reader is told about them).
        """
        self._check_report_access()
        date_from, date_to = self._check_period(date_from, date_to)
        self._disable_jit()
        district_ids = list(district_ids or [])
        known = self.env["qnetz.district"].sudo().with_context(active_test=False).browse(
            district_ids).exists()
        if len(known) != len(set(district_ids)):
            raise UserError(_("Districts: %s is not a district of the network.") % ", ".join(
                str(i) for i in sorted(set(district_ids) - set(known.ids))))
        columns = self._columns(district_ids)
        column_keys = [column["key"] for column in columns]
        Need = self.env["qnetz.need"]
        area_labels = Need._fields["area"]._description_selection(self.env)
        state_labels = Need._fields["state"]._description_selection(self.env)

        sections = []

        def section(key, title):
            rows = []
            sections.append({"key": key, "title": title, "rows": rows})
            return rows

        def add(rows, key, label, grouped, measure, dim=None, kind="int", fn=None):
            values = {}
            for column in column_keys:
                if fn:
                    values[column] = fn(grouped.get((dim, column)) or {})
                else:
                    value = (grouped.get((dim, column)) or {}).get(measure)
                    values[column] = value or 0
                if kind == "int" and values[column] is not None:
                    values[column] = int(values[column])
                elif values[column] is not None:
                    values[column] = round(float(values[column]), 2)
            rows.append({"key": key, "label": label, "type": kind, "values": values})

        # Companies
        companies = self._companies(date_from, date_to, district_ids)
        rows = section("companies", _("Companies reached"))
        add(rows, "companies", _("Companies reached (with a need or a participant)"),
            companies, "companies")
        add(rows, "companies_sme", _("of which SMEs"), companies, "companies_sme")
        industry_ids = sorted({key[0][1] for key in companies if key[0] is not None})
        industries = self.env["res.partner.industry"].sudo().browse(
            [i for i in industry_ids if i]).exists()
        names = {industry.id: industry.name for industry in industries}
        for industry_id in sorted(industry_ids, key=lambda i: (not i, names.get(i, ""))):
            add(rows, "industry_%d" % industry_id,
                _("Industry: %s") % (names.get(industry_id) or _("not given")),
                companies, "companies", dim=("industry_id", industry_id))

        # Young people
        young = self._young_people(date_from, date_to, district_ids)
        rows = section("young_people", _("Apprentices and young people reached"))
        add(rows, "young_people", _("Young people reached (target-group profiles)"),
            young, "young_people")
        labels = {
            "young_learning": _("with learning difficulties"),
            "young_gap_general": _("with gaps in general education"),
            "young_gap_theory": _("with gaps in technical theory"),
            "young_gap_practice": _("with gaps in technical practice"),
            "young_refugee": _("refugees and immigrants"),
        }
        for key, _marker in TARGET_GROUPS:
            add(rows, key, labels[key], young, key)
        add(rows, "young_sme", _("trained in an SME"), young, "young_sme")
        add(rows, "young_anonymised", _("of which anonymised (still counted)"),
            young, "young_anonymised")

        # Needs, courses and fees: one pass over the analysis view
        facts = self._facts(date_from, date_to, district_ids)
        needs = need_states = courses = money = facts
        rows = section("needs", _("Training needs"))
        add(rows, "needs", _("Needs captured"), needs, "need_count")
        for area, label in area_labels:
            add(rows, "needs_area_%s" % area, _("Area: %s") % label, needs, "need_count",
                dim=("area", area))
        for state, label in state_labels:
            add(rows, "needs_state_%s" % state, _("Status: %s") % label,
                need_states, "need_count", dim=("need_state", state))
        add(rows, "needs_served", _("Needs served by a course"), needs, "need_served_count")
        add(rows, "needs_referred", _("Needs served by a referral to an offer"), need_states,
            "need_count", dim=("need_state", "referred"))

        def share(values):
            base = (values.get("need_count") or 0) - (values.get("need_withdrawn_count") or 0)
            return 100.0 * (values.get("need_served_count") or 0) / base if base else 0.0

        add(rows, "needs_served_share", _("Share of needs served (%, withdrawn excluded)"),
            needs, None, kind="percent", fn=share)
        add(rows, "needs_median_days", _("Median days from qualification to course start"),
            needs, None, kind="days", fn=lambda values: values.get("median_days"))

        # Courses
        rows = section("courses", _("Courses held (by course start and venue)"))
        add(rows, "courses", _("Courses held"), courses, "course_count")
        for area, label in area_labels:
            add(rows, "courses_area_%s" % area, _("Area: %s") % label, courses, "course_count",
                dim=("area", area))
        add(rows, "participants", _("Participants"), courses, "participant_count")
        add(rows, "participant_hours", _("Participant-hours attended"), courses,
            "attended_hours", kind="hours")

        def rate(values):
            planned = values.get("planned_hours") or 0.0
            return 100.0 * (values.get("attended_hours") or 0.0) / planned if planned else 0.0

        add(rows, "attendance_rate", _("Attendance rate (%)"), courses, None,
            kind="percent", fn=rate)
        add(rows, "certificates", _("Certificates issued"), courses, "certificate_count")

        # Fees
        rows = section("fees", _("Fees (by course start and venue)"))
        add(rows, "fees_gross", _("Course fees (gross)"), money, "amount_gross", kind="money")
        add(rows, "fees_billed", _("Billed to companies"), money, "amount_billed", kind="money")
        add(rows, "fees_funding", _("Covered by funding"), money, "amount_funding", kind="money")

        def funding_share(values):
            gross = values.get("amount_gross") or 0.0
            return 100.0 * (values.get("amount_funding") or 0.0) / gross if gross else 0.0

        add(rows, "funding_share", _("Funding share (%)"), money, None, kind="percent",
            fn=funding_share)
        add(rows, "fees_open", _("Open amounts"), money, "amount_open", kind="money")
        add(rows, "provider_fees", _("Provider fees (vendor bills)"), money, "amount_provider",
            kind="money")

        hidden = set() if self._sees_all_money() else self._hidden_money_columns(
            date_from, date_to, district_ids, column_keys)
        totals = {}
        for sec in sections:
            for row in sec["rows"]:
                row["display"] = {column: self._format(row["values"][column], row["type"])
                                  for column in column_keys}
                if sec["key"] == MONEY_SECTION:
                    for column in hidden:
                        row["values"][column] = None
                        row["display"][column] = _("hidden")
                totals[row["key"]] = row["values"]["total"]
        empty = not any(totals.get(key) for key in (
            "companies", "young_people", "needs", "courses", "participants", "fees_billed",
            "provider_fees"))
        districts = self.env["qnetz.district"].sudo().browse(district_ids)
        now = fields.Datetime.context_timestamp(
            self.with_context(tz=self.env.context.get("tz") or self.env.user.tz or REPORT_TZ),
            datetime.datetime.now())
        lang = self._lang()
        return {
            "date_from": date_from,
            "date_to": date_to,
            "date_from_display": self._format_date(date_from, lang),
            "date_to_display": self._format_date(date_to, lang),
            "generated": "%s %s" % (now.strftime(lang.date_format), now.strftime("%H:%M")),
            "district_ids": district_ids,
            "district_names": ", ".join(districts.mapped("name")) or _("all districts"),
            "columns": columns,
            "sections": sections,
            "totals": totals,
            "empty": empty,
            "money_hidden": sorted(hidden),
            "money_hidden_note": _(
                "hidden: fewer than %d companies or providers stand behind these amounts, "
                "which would reveal what a single one paid or charged.") % MIN_GROUP_SIZE
            if hidden else False,
        }

    # Formatting --------------------------------------------------------------

    def _lang(self):
        code = self.env.context.get("lang") or self.env.user.lang or "en_US"
        return self.env["res.lang"]._lang_get(code) or self.env["res.lang"]._lang_get("en_US")

    def _format_date(self, value, lang):
        return fields.Date.from_string(value).strftime(lang.date_format)

    def _format(self, value, kind):
        if value is None:
            return "–"
        lang = self._lang()
        if kind == "int":
            return lang.format("%d", value, grouping=True)
        if kind in ("hours", "days"):
            return lang.format("%.1f", value, grouping=True)
        if kind == "percent":
            return lang.format("%.1f", value, grouping=True) + " %"
        currency = self.env.user.company_id.currency_id
        return lang.format("%.2f", value, grouping=True) + " " + (currency.symbol or "")

    # XLSX ------------------------------------------------------------------

    @api.model
    def to_xlsx(self, figures):
        """The figures of compute() as an XLSX workbook (bytes): raw numbers, same rows."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Figures")[:31])
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        formats = {
            "int": workbook.add_format({"num_format": "#,##0"}),
            "hours": workbook.add_format({"num_format": "#,##0.0"}),
            "days": workbook.add_format({"num_format": "#,##0.0"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
        }
        sheet.write(0, 0, _("Qualification Network Höxter-Holzminden: what the network achieved"),
                    title)
        sheet.write(1, 0, _("Period"), bold)
        sheet.write(1, 1, "%s – %s" % (figures["date_from_display"], figures["date_to_display"]))
        sheet.write(2, 0, _("Districts"), bold)
        sheet.write(2, 1, figures["district_names"])
        sheet.write(3, 0, _("Generated on"), bold)
        sheet.write(3, 1, figures["generated"])
        row = 5
        if figures["empty"]:
            sheet.write(row, 0, _("There is no data for this period: no needs, courses, young "
                                  "people or invoices."), bold)
            row += 2
        sheet.write(row, 0, _("Indicator"), header)
        sheet.write(row, 1, _("Key"), header)
        for index, column in enumerate(figures["columns"]):
            sheet.write(row, 2 + index, column["label"], header)
        row += 1
        for section in figures["sections"]:
            sheet.write(row, 0, section["title"], bold)
            row += 1
            for line in section["rows"]:
                sheet.write(row, 0, line["label"])
                sheet.write(row, 1, line["key"])
                for index, column in enumerate(figures["columns"]):
                    value = line["values"][column["key"]]
                    if value is None:
                        sheet.write_blank(row, 2 + index, None)
                    else:
                        sheet.write_number(row, 2 + index, value, formats[line["type"]])
                row += 1
            row += 1
        if figures.get("money_hidden_note"):
            sheet.write(row, 0, figures["money_hidden_note"])
        sheet.set_column(0, 0, 55)
        # the row keys stay for programs that read the workbook, hidden from the reader
        sheet.set_column(1, 1, 22, None, {"hidden": True})
        sheet.set_column(2, 2 + len(figures["columns"]), 18)
        if figures.get("targets"):
            self._to_xlsx_targets(workbook, figures["targets"], formats, header, bold)
        workbook.close()
        return output.getvalue()

    def _to_xlsx_targets(self, workbook, targets, formats, header, bold):
        """The funded project's targets, actuals since the term's start and forecast to
        its end (qnetz.project._qnetz_add_targets) on a sheet of their own."""
        sheet = workbook.add_worksheet(_("Targets")[:31])
        sheet.write(0, 0, "%s (%s)" % (targets["project"], targets["programme"]), bold)
        sheet.write(1, 0, _("Month %d of %d of the term; actuals since the start of the "
                            "term") % (targets["month"], targets["month_count"]))
        titles = [_("Indicator"), _("Key"), _("Target"), _("Target to Date"), _("Actual"),
                  _("Forecast"), _("Forecast / Target (%)")]
        for index, title in enumerate(titles):
            sheet.write(3, index, title, header)
        for offset, line in enumerate(targets["rows"]):
            row = 4 + offset
            sheet.write(row, 0, line["label"])
            sheet.write(row, 1, line["key"])
            for index, key in enumerate(("target", "target_to_date", "actual", "forecast")):
                sheet.write_number(row, 2 + index, line[key], formats[line["type"]])
            sheet.write_number(row, 6, line["ratio"], formats["percent"])
        sheet.set_column(0, 0, 55)
        sheet.set_column(1, 1, 22, None, {"hidden": True})
        sheet.set_column(2, 6, 16)
