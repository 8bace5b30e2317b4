from collections import defaultdict

from odoo import _, api, models

WORKSHOP_SECTION = "workshops"


class QnetzReportFigures(models.AbstractModel):
    """The use of the workshops in the figures: machine hours per district, per school and
    per workshop, and how many apprentices practised on the network's machines what they
    could not in their company (for the funding body and for the schools)."""

    _inherit = "qnetz.report.figures"

    @api.model
    def compute(self, date_from, date_to, district_ids=None):
        figures = super(QnetzReportFigures, self).compute(date_from, date_to, district_ids)
        column_keys = [column["key"] for column in figures["columns"]]
        rows = self._qnetz_workshop_rows(figures["date_from"], figures["date_to"],
                                         figures["district_ids"], column_keys)
        for row in rows:
            row["display"] = {column: self._format(row["values"][column], row["type"])
                              for column in column_keys}
            figures["totals"][row["key"]] = row["values"]["total"]
        figures["sections"].append({"key": WORKSHOP_SECTION,
                                    "title": _("Workshops and machines"), "rows": rows})
        if any(row["values"]["total"] for row in rows):
            figures["empty"] = False
        return figures

    def _qnetz_workshop_rows(self, date_from, date_to, district_ids, column_keys):
        start, end = self._utc_bounds(date_from, date_to)
        district_sql, district_params = self._district_clause("w.district_id", district_ids)
        cr = self.env.cr
        # a course's machines count when held for a session, practice time when someone
        # practised in it
        cr.execute("""
            SELECT w.id, w.name, w.district_id, o.id, o.name, o.is_vocational_school, b.kind,
                   sum(extract(epoch FROM b.date_stop - b.date_start)) / 3600.0
              FROM qnetz_machine_booking b
              JOIN qnetz_workshop w ON w.id = b.workshop_id
              JOIN res_partner o ON o.id = w.owner_id
             WHERE b.state != 'cancel' AND b.date_start >= %s AND b.date_start < %s
               AND (b.kind = 'course' OR EXISTS (
                    SELECT 1 FROM qnetz_practice_booking p
                     WHERE p.slot_id = b.id AND p.state = 'confirmed'))""" + district_sql + """
             GROUP BY w.id, w.name, w.district_id, o.id, o.name, o.is_vocational_school,
                      b.kind""", (start, end) + district_params)
        hours = defaultdict(lambda: defaultdict(float))
        workshops, schools = {}, {}
        for (workshop_id, workshop_name, district_id, owner_id, owner_name, is_school, kind,
             value) in cr.fetchall():
            column = "d%d" % (district_id or 0)
            keys = [("machine_hours", column), ("machine_hours", "total"),
                    ("workshop_%d" % workshop_id, column), ("workshop_%d" % workshop_id, "total")]
            workshops[workshop_id] = workshop_name
            if kind == "practice":
                keys += [("machine_hours_practice", column),
                         ("machine_hours_practice", "total")]
            if is_school:
                schools[owner_id] = owner_name
                keys += [("school_%d" % owner_id, column), ("school_%d" % owner_id, "total")]
            for key in keys:
                hours[key[0]][key[1]] += float(value or 0.0)
        cr.execute("""
            SELECT w.district_id, GROUPING(w.district_id), count(DISTINCT rel.apprentice_id)
              FROM qnetz_practice_booking p
              JOIN qnetz_practice_booking_apprentice_rel rel ON rel.booking_id = p.id
              JOIN qnetz_workshop w ON w.id = p.workshop_id
             WHERE p.state = 'confirmed' AND p.date_start >= %s AND p.date_start < %s"""
                   + district_sql + " GROUP BY ROLLUP (w.district_id)",
                   (start, end) + district_params)
        apprentices = {}
        for district_id, is_total, count in cr.fetchall():
            apprentices["total" if is_total else "d%d" % (district_id or 0)] = count

        def row(key, label, values, kind="hours"):
            return {"key": key, "label": label, "type": kind,
                    "values": {column: (int(values.get(column) or 0) if kind == "int"
                                        else round(values.get(column) or 0.0, 2))
                               for column in column_keys}}
        rows = [
            row("machine_hours", _("Machine hours used (course sessions and practice time)"),
                hours["machine_hours"]),
            row("machine_hours_practice", _("of which practice time of companies"),
                hours["machine_hours_practice"]),
            row("practice_apprentices",
                _("Apprentices who practised on the network's machines"), apprentices,
                kind="int"),
        ]
        for owner_id, name in sorted(schools.items(), key=lambda item: item[1]):
            rows.append(row("school_%d" % owner_id, _("Machine hours at the vocational "
                                                      "school %s") % name,
                            hours["school_%d" % owner_id]))
        for workshop_id, name in sorted(workshops.items(), key=lambda item: item[1]):
            rows.append(row("workshop_%d" % workshop_id, _("Machine hours in %s") % name,
                            hours["workshop_%d" % workshop_id]))
        return rows
