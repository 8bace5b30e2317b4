"""The public certificate check: number and verification code, the least it must say,
throttled per client address like logins."""
from unittest.mock import patch
from urllib.parse import urlencode

from odoo.tests.common import HOST, PORT

from odoo.addons.qnetz_guide import page_cache

from .common import PortalCase


class TestCertificateCheck(PortalCase):

    def setUp(self):
        super(TestCertificateCheck, self).setUp()
        course = self.make_course(name="Kurs für Albers", days=30)
        Registration = self.env["event.registration"]
        Certificate = self.env["qnetz.certificate"]
        self.valid = Certificate._qnetz_issue(Registration.create({
            "event_id": course.id, "apprentice_id": self.apprentice_a1.id}))
        self.revoked = Certificate._qnetz_issue(Registration.create({
            "event_id": course.id, "apprentice_id": self.apprentice_b1.id}))
        self.revoked.action_revoke()
        self.visitor = self.rpc_session()
        # /web/dataset/call_kw wants a login: any portal user, here another company's
        self.stranger = self.rpc_session(self.user_b)

    def check_page(self, number, code=None):
        query = {"nummer": number}
        if code is not None:
            query["code"] = code
        return self.check_response(query).text

    def check_response(self, query):
        self.sync()
        response = self.visitor.get("http://%s:%s/zertifikat/pruefen%s" % (
            HOST, PORT, "?" + urlencode(query) if query else ""), timeout=60)
        self.env.cache.invalidate()
        self.assertEqual(response.status_code, 200, query)
        return response

    def test_the_empty_form_comes_from_the_cache_a_check_never(self):
        # the cache serves the site's configured address only: the tests' one
        self.env["ir.config_parameter"].set_param("web.base.url", "http://%s:%s" % (HOST, PORT))
        page_cache.clear()
        clock = patch.object(page_cache, "current_minute", return_value="2030-01-01 12:00")
        clock.start()
        self.addCleanup(clock.stop)
        served = [self.check_response({}).headers.get(page_cache.CACHE_HEADER)
                  for _round in range(2)]
        self.assertEqual(served, ["miss", "hit"])
        query = {"nummer": self.valid.name, "code": self.valid.verification_code}
        for _round in range(2):
            response = self.check_response(query)
            self.assertEqual(response.headers.get(page_cache.CACHE_HEADER), "bypass")
            self.assertIn("Lena Albrecht", response.text)
        self.assertFalse([body for body in page_cache.bodies() if "Lena Albrecht" in body])

    def check_rpc(self, number, code=None):
        args = [number] if code is None else [number, code]
        return self.call_kw(self.stranger, "qnetz.certificate", "qnetz_public_check", args)

    def test_number_alone_tells_nothing(self):
        # the sequential number alone names nobody, over the page and over JSON-RPC
        for number in (self.valid.name, self.revoked.name):
            page = self.check_page(number)
            self.assertNotIn("Lena Albrecht", page)
            self.assertNotIn("Kurs für Albers", page)
            self.assertNotIn("o_qnetz_check_valid", page)
            self.assertNotIn("o_qnetz_check_revoked", page)
            answer = self.check_rpc(number)
            self.assertNotIn("Lena", str(answer))
            self.assertNotIn("Jonas", str(answer))
            self.assertEqual(answer["result"], {"status": "invalid", "number": number})
        # a wrong code answers like an unknown number
        page = self.check_page(self.valid.name, "ACDE-FGHJ")
        self.assertIn("o_qnetz_check_unknown", page)
        self.assertNotIn("Lena Albrecht", page)

    def test_number_and_code_confirm_what_the_paper_shows(self):
        self.assertRegex(self.valid.verification_code, r"^[A-Z0-9]{4}-[A-Z0-9]{4}$")
        self.assertNotEqual(self.valid.verification_code, self.revoked.verification_code)
        # typed in lower case, without the hyphen, with spaces: still the code
        code = " %s " % self.valid.verification_code.replace("-", "").lower()
        page = self.check_page(self.valid.name.lower(), code)
        self.assertIn("o_qnetz_check_valid", page)
        self.assertIn("Lena Albrecht", page)
        self.assertIn("Kurs für Albers", page)
        # nothing that is not needed to confirm the paper
        self.assertNotIn("lena.albrecht@example.com", page)
        self.assertNotIn("Bildungswerk Weserbergland", page)
        self.assertNotIn("Tischlerei Albers", page)
        answer = self.check_rpc(self.valid.name, self.valid.verification_code)
        self.assertIn("result", answer, answer)
        answer = answer["result"]
        self.assertEqual(answer["status"], "valid")
        self.assertEqual(set(answer), {"status", "number", "participant", "course",
                                       "date_begin", "date_end", "hours"})
        page = self.check_page(self.revoked.name, self.revoked.verification_code)
        self.assertIn("o_qnetz_check_revoked", page)
        self.assertNotIn("Jonas Brinkmann", page)
        # input that cannot be a certificate: an answer, never an error
        for number, code in (("<b>", "x"), ("QNZ-1", "<script>"), ("", ""), ("\u00e4", "%")):
            self.assertNotIn("o_qnetz_check_valid", self.check_page(number, code))

    def test_failed_checks_are_throttled_per_address(self):
        wrong = "ACDE-FGHJ"
        if wrong == self.valid.verification_code:
            wrong = "HJKM-NPQR"
        for _attempt in range(10):
            self.assertIn("o_qnetz_check_unknown", self.check_page(self.valid.name, wrong))
        # from now on even the right code gets no answer from this address
        page = self.check_page(self.valid.name, self.valid.verification_code)
        self.assertIn("o_qnetz_check_throttled", page)
        self.assertIn("Zu viele fehlgeschlagene Prüfungen", page)
        self.assertNotIn("Lena Albrecht", page)
        answer = self.check_rpc(self.valid.name, self.valid.verification_code)["result"]
        self.assertEqual(answer["status"], "throttled")
        # the failures are in the log of login attempts, where the coordinator lifts the ban
        Attempt = self.env["res.authentication.attempt"]
        failures = Attempt.sudo(self.coordinator).search(
            [("login", "=", "(certificate check)")])
        self.assertEqual(len(failures), 10)
        failures.action_qnetz_unban()
        page = self.check_page(self.valid.name, self.valid.verification_code)
        self.assertIn("o_qnetz_check_valid", page)

    def test_certificates_issued_before_codes_get_one(self):
        self.env.cr.execute("UPDATE qnetz_certificate SET verification_code = NULL "
                            "WHERE id IN %s", ((self.valid | self.revoked)._ids,))
        self.env["qnetz.certificate"]._auto_init()
        self.valid.invalidate_cache()
        codes = (self.valid | self.revoked).mapped("verification_code")
        self.assertEqual(len(set(codes)), 2)
        self.assertTrue(all(codes))
