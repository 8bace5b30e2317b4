"""Stock routes that the route crawler found answering junk with a server error: each
answers the 4xx it stands for, an HTML route with an error page, a JSON route with an
Odoo error that is no database error."""
from odoo.tests.common import HOST, PORT

from .common import CSRF_RE, PortalCase

PAST_INT = 2 ** 31


class TestStockRouteInput(PortalCase):

    def url(self, path):
        return "http://%s:%s%s" % (HOST, PORT, path)

    def session_with_csrf(self, user=None):
        opener = self.rpc_session(user)
        self.sync()
        page = opener.get(self.url("/web/login"), timeout=60)
        return opener, CSRF_RE.search(page.text).group(1)

    def json_error(self, opener, path, params):
        self.sync()
        response = opener.post(self.url(path), json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": params}, timeout=60)
        self.assertEqual(response.status_code, 200, path)
        return response.json()["error"]["data"]["name"]

    def test_a_required_parameter_missing_is_bad_input(self):
        opener, csrf = self.session_with_csrf(self.user_a)
        for path, data in (("/web/binary/upload", {"callback": "x"}),
                           ("/web/binary/upload_attachment", {"callback": "x", "model": "x"}),
                           ("/web/export/csv", {"data": "{}"}),
                           ("/web/export/xls", {"token": "1"})):
            self.sync()
            response = opener.post(self.url(path), data=dict(data, csrf_token=csrf),
                                   timeout=60, allow_redirects=False)
            self.assertEqual(response.status_code, 400, path)
        self.assertEqual(self.json_error(opener, "/web/action/run", {}),
                         "odoo.exceptions.UserError")

    def test_json_ids_out_of_range_or_junk_are_bad_input(self):
        opener, _csrf = self.session_with_csrf(self.user_a)
        for ids in (str(PAST_INT), "abc"):
            self.assertEqual(self.json_error(opener, "/web_editor/attachment/remove",
                                             {"ids": ids}), "odoo.exceptions.UserError")
        self.assertEqual(self.json_error(
            opener, "/website_payment/transaction/1/1/1", {"acquirer_id": str(PAST_INT)}),
            "odoo.exceptions.UserError")

    def test_website_tools_are_refused(self):
        visitor, _csrf = self.session_with_csrf()
        for path in ("/website/add/", "/website/add/neu"):
            self.sync()
            response = visitor.get(self.url(path), params={"noredirect": "1"}, timeout=60,
                                   allow_redirects=False)
            self.assertEqual(response.status_code, 403, path)
            # the route is not yet a website page when authentication refuses it:
            # werkzeug's plain error page, as for any non-website route
            self.assertIn("403 Forbidden", response.text)
            self.assertNotIn("Traceback", response.text)
        opener, csrf = self.session_with_csrf(self.user_a)
        template = self.env.ref("website.homepage")
        self.sync()
        response = opener.post(self.url("/website/reset_templates"), timeout=60,
                               data={"templates": str(template.id), "csrf_token": csrf},
                               allow_redirects=False)
        self.assertEqual(response.status_code, 403)
        self.sync()
        response = opener.post(self.url("/web_editor/attachment/add"), timeout=60,
                               data={"func": "x", "csrf_token": csrf}, allow_redirects=False)
        self.assertEqual(response.status_code, 400)

    def test_a_missing_invoice_is_not_found(self):
        opener, _csrf = self.session_with_csrf(self.user_a)
        for path in ("/my/invoices/%d" % (PAST_INT - 7), "/my/invoices/pdf/%d" % (PAST_INT - 7)):
            self.sync()
            response = opener.get(self.url(path), timeout=60, allow_redirects=False)
            self.assertEqual(response.status_code, 404, path)
