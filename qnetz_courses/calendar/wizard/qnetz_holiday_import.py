import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.qnetz_base.tools import count_text

from ...spine.course_time import format_date
from .. import ics


class QnetzHolidayImport(models.TransientModel):
    """Loads a state's school holidays from an iCalendar (.ics) file, the format in which
    holiday calendars are published, so that the next school year needs no developer."""

    _name = "qnetz.holiday.import"
    _description = "Import School Holidays"

    state_id = fields.Many2one(
        "res.country.state", string="Federal State", required=True,
        domain=lambda self: [("id", "in", self.env["qnetz.district"].search([]).mapped(
            "state_id").ids)])
    file = fields.Binary(string="Calendar File (.ics)", required=True)
    filename = fields.Char()
    source = fields.Char(
        required=True,
        help="Who published the file, with the address, e.g. the state's ministry of "
             "education. Every imported period names it.")
    result = fields.Text(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    @api.model
    def _qnetz_open(self, states=None):
        """The import as an action, for the planners' warnings about missing school
        holidays: the state is filled in when only one is missing."""
        action = self.env.ref("qnetz_courses.qnetz_holiday_import_action").read()[0]
        if states and len(states) == 1:
            action["context"] = {"default_state_id": states.id}
        return action

    @api.multi
    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group("qnetz_base.group_qnetz_coordinator"):
            raise AccessError(_("Only the coordinator keeps the holiday calendars."))
        try:
            events = ics.all_day_events(base64.b64decode(self.file or b""))
        except (ValueError, TypeError):
            raise UserError(_("Calendar File: this is not a calendar file (.ics) that can "
                              "be read. Download the file again from the publisher."))
        if not events:
            raise UserError(_("Calendar File: the file holds no holidays."))
        Holiday = self.env["qnetz.holiday"]
        source = "%s (%s)" % (self.source.strip(), self.filename) if self.filename \
            else self.source.strip()
        added, known, refused = [], [], []
        for event in sorted(events, key=lambda e: e["start"]):
            name = event["summary"] or _("School holidays")
            label = "%s %s-%s" % (name, format_date(event["start"]),
                                  format_date(event["end"]))
            same = Holiday.search([
                ("kind", "=", "school"), ("state_id", "=", self.state_id.id),
                ("date_from", "=", fields.Date.to_string(event["start"])),
                ("date_to", "=", fields.Date.to_string(event["end"]))], limit=1)
            if same:
                known.append(label)
                continue
            try:
                with self.env.cr.savepoint():
                    Holiday.create({
                        "name": name, "kind": "school", "state_id": self.state_id.id,
                        "date_from": fields.Date.to_string(event["start"]),
                        "date_to": fields.Date.to_string(event["end"]),
                        "source": source})
                added.append(label)
            except ValidationError as error:
                refused.append("%s: %s" % (label, error.name))
        lines = ["%s, %s, %s." % (
            count_text(self.env, len(added), _("%d period added|%d periods added")),
            count_text(self.env, len(known), _("%d already there|%d already there")),
            count_text(self.env, len(refused), _("%d refused|%d refused")))]
        for title, items in ((_("Added:"), added), (_("Already there:"), known),
                             (_("Refused:"), refused)):
            if items:
                lines += ["", title] + items
        self.write({"result": "\n".join(lines), "state": "done"})
        return {
            "name": _("Import School Holidays"),
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
