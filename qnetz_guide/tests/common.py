from datetime import date, timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import HttpCase


def days(n):
    return fields.Date.to_string(date.today() + timedelta(days=n))


class GuideDataMixin(object):
    """Offers with a made-up marker word, so tests can isolate them from the demo data."""

    MARKER = "Zebrafink"

    @classmethod
    def _qnetz_fixtures(cls, env):
        cls.Offer = env["qnetz.offer"]
        cls.institution = env["res.partner"].create({
            "name": "Testinstitut Weserbogen",
            "is_company": True,
            "is_support_institution": True,
            "support_institution_type": "other",
        })
        ref = env.ref
        cls.tg_companies = ref("qnetz_guide.target_group_companies")
        cls.tg_refugees = ref("qnetz_guide.target_group_refugees")
        cls.tg_pre = ref("qnetz_guide.target_group_pre_training")
        cls.topic_language = ref("qnetz_guide.topic_language")
        cls.topic_tutoring = ref("qnetz_guide.topic_tutoring")
        cls.topic_financial = ref("qnetz_guide.topic_financial")
        cls.lang_de = ref("qnetz_guide.language_de")
        cls.lang_ar = ref("qnetz_guide.language_ar")

        def offer(name, **values):
            vals = {
                "name": "%s %s" % (cls.MARKER, name),
                "summary": "Kurzbeschreibung von %s" % name,
                "institution_id": cls.institution.id,
                "website_published": True,
                "region": "both",
                "cost": "free",
                "how_to_apply": "1. Anrufen\n2. Termin machen\n\n- Hingehen",
            }
            vals.update(values)
            return cls.Offer.create(vals)

        cls.offer_language = offer(
            "Sprachkurs", region="hoexter", cost="fee",
            target_group_ids=[(6, 0, [cls.tg_refugees.id])],
            topic_ids=[(6, 0, [cls.topic_language.id])],
            language_ids=[(6, 0, [cls.lang_de.id, cls.lang_ar.id])])
        cls.offer_tutoring = offer(
            "Nachhilfe", region="holzminden",
            target_group_ids=[(6, 0, [cls.tg_pre.id, cls.tg_refugees.id])],
            topic_ids=[(6, 0, [cls.topic_tutoring.id])],
            language_ids=[(6, 0, [cls.lang_de.id])])
        cls.offer_money = offer(
            "Zuschuss", region="both",
            target_group_ids=[(6, 0, [cls.tg_companies.id])],
            topic_ids=[(6, 0, [cls.topic_financial.id])],
            language_ids=[(6, 0, [cls.lang_de.id])],
            description="<p>Geld für <b>Betriebe</b></p>")
        cls.offer_unpublished = offer(
            "Entwurf", website_published=False,
            target_group_ids=[(6, 0, [cls.tg_companies.id])])
        cls.offer_expired = offer(
            "Abgelaufen", date_start=days(-60), date_end=days(-1),
            target_group_ids=[(6, 0, [cls.tg_companies.id])])
        cls.offer_future = offer(
            "Zukunft", date_start=days(10),
            target_group_ids=[(6, 0, [cls.tg_companies.id])])
        cls.visible = cls.offer_language | cls.offer_tutoring | cls.offer_money
        cls.hidden = cls.offer_unpublished | cls.offer_expired | cls.offer_future


class GuideHttpCase(HttpCase):
    """HttpCase whose test data the HTTP requests can see.

    Odoo 11's HttpCase serves requests on the registry's test cursor, a different
    cursor from the test's own; the test therefore works on that test cursor too.
    Its commit() only moves a savepoint, everything is rolled back at the end."""

    def setUp(self):
        super(GuideHttpCase, self).setUp()
        plain = (self.cr, self.env)
        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})

        def restore():
            self.cr, self.env = plain
        self.addCleanup(restore)

    def url_open(self, url, data=None, timeout=20):
        self.cr.commit()  # pylint: disable=invalid-commit (test cursor: a savepoint)
        response = super(GuideHttpCase, self).url_open(url, data=data, timeout=timeout)
        self.env.cache.invalidate()
        return response
