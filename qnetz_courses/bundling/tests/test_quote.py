from odoo.exceptions import AccessError, UserError

from ...tests.common import QnetzCoursesCase


class TestQuote(QnetzCoursesCase):
    """The coordinator's side of quote requests; the providers' side is in qnetz_portal."""

    @classmethod
    def setUpClass(cls):
        super(TestQuote, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.provider_2 = Partner.create({"name": "Zweitbildung GmbH", "is_company": True,
                                         "is_education_provider": True, "city": "Bevern",
                                         "email": "info@zweitbildung.example"})
        cls.provider.email = "info@testbildung.example"
        cls.module = cls.env["qnetz.course.module"].create({
            "name": "Testmodul Pneumatik", "area": "theory", "hours": 16,
            "provider_ids": [(6, 0, (cls.provider | cls.provider_2).ids)]})
        cls.network_user = cls.env["res.users"].create({
            "name": "Netz Nutzer", "login": "quote_network_user",
            "groups_id": [(6, 0, [cls.env.ref("qnetz_base.group_qnetz_user").id])]})

    def _request(self, **values):
        vals = {"name": "Pneumatik Frühjahr", "module_id": self.module.id,
                "participant_count": 6}
        vals.update(values)
        return self.env["qnetz.quote.request"].create(vals)

    def test_send_asks_every_provider_of_the_module(self):
        request = self._request()
        self.assertEqual(request.provider_ids, self.provider | self.provider_2)
        self.assertEqual(request.hours, 16)
        request.action_send()
        self.assertEqual(request.state, "sent")
        self.assertEqual(request.quote_ids.mapped("provider_id"), request.provider_ids)
        for quote in request.quote_ids:
            self.assertEqual(quote.state, "requested")
            self.assertTrue(quote.message_ids.filtered(
                lambda m, q=quote: q.provider_id in m.partner_ids))
        with self.assertRaises(UserError):
            request.action_send()

    def test_refusals(self):
        with self.assertRaises(UserError):
            self._request(provider_ids=[(5,)]).action_send()
        with self.assertRaises(UserError):
            self._request(deadline="2020-01-01").action_send()
        request = self._request()
        request.action_send()
        # a quote the provider has not answered cannot be accepted
        with self.assertRaises(UserError):
            request.quote_ids[0].action_accept()
        request.action_cancel()
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(set(request.quote_ids.mapped("state")), {"declined"})

    def test_accept_without_needs_creates_the_course(self):
        request = self._request()
        request.action_send()
        quote = request.quote_ids.filtered(lambda q: q.provider_id == self.provider_2)
        quote.write({"state": "answered", "price": 2400.0, "date_begin": "2030-05-04",
                     "date_end": "2030-05-29", "venue": "Bevern"})
        self.assertEqual(quote.price_per_participant, 400.0)
        quote.action_accept()
        course = request.course_id
        self.assertEqual(course.provider_id, self.provider_2)
        self.assertEqual(course.fee_amount, 2400.0)
        self.assertEqual(course.module_id, self.module)
        self.assertEqual((request.quote_ids - quote).state, "declined")

    def test_quotes_are_the_coordinators(self):
        request = self._request()
        request.action_send()
        for model in ("qnetz.quote", "qnetz.quote.request"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.network_user).check_access_rights("read")
        # the catalogue is reference data the network user reads
        self.assertEqual(self.module.sudo(self.network_user).name, "Testmodul Pneumatik")
        with self.assertRaises(AccessError):
            self.module.sudo(self.network_user).write({"name": "x"})
