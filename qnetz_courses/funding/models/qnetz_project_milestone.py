import datetime

from odoo import api, fields, models


class QnetzProjectMilestone(models.Model):
    """A milestone or a report deadline of the funded project (interim report, final proof
    of the use of funds). The coordinator gets an activity ahead of each date, once."""

    _name = "qnetz.project.milestone"
    _description = "Project Milestone or Report Deadline"
    _order = "date_deadline, id"

    project_id = fields.Many2one("qnetz.project", string="Project", required=True,
                                 ondelete="cascade", index=True)
    name = fields.Char(required=True)
    kind = fields.Selection(
        [("milestone", "Milestone"), ("interim_report", "Interim Report"),
         ("final_report", "Final Proof of Use of Funds")],
        required=True, default="milestone")
    date_deadline = fields.Date(string="Date", required=True)
    done = fields.Boolean()
    # set once the activity exists: the job never reminds twice, even after the
    # coordinator marked the activity done (which deletes it)
    reminded = fields.Boolean(string="Coordinator Reminded", readonly=True, copy=False)
    note = fields.Text(string="Notes")

    @api.model
    def _qnetz_cron_activities(self, today=None):
        """Daily job: an activity for the coordinator `activity_days` ahead of each open
        milestone or deadline. Idempotent: a milestone is reminded once."""
        today = today or fields.Date.from_string(fields.Date.context_today(self))
        candidates = self.search([("done", "=", False), ("reminded", "=", False),
                                  ("project_id.active", "=", True)])
        due = candidates.filtered(lambda m: fields.Date.from_string(m.date_deadline)
                                  - datetime.timedelta(days=m.project_id.activity_days) <= today)
        if not due:
            return due
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for milestone in due:
            project = milestone.project_id
            project._qnetz_todo("%s: %s" % (labels[milestone.kind], milestone.name),
                                milestone.note, users=project.coordinator_id or self.env.user,
                                deadline=milestone.date_deadline)
        due.write({"reminded": True})
        return due
