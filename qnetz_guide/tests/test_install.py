from odoo.tests.common import TransactionCase

from odoo.addons.qnetz_base.tests.install import ManifestLoadedMixin


class TestInstall(ManifestLoadedMixin, TransactionCase):

    addon = "qnetz_guide"
