import logging
import re

from odoo import _, api, models

from odoo.addons.password_security.exceptions import PassError

_logger = logging.getLogger(__name__)
try:
    import zxcvbn
except ImportError:  # the manifest's external_dependencies keep the addon from installing
    _logger.debug("zxcvbn is not installed")

# zxcvbn's score: 3 means about 10^8 guesses or more ("safely unguessable: moderate
# protection from an offline attack"), 2 and below fall to an online attack that the
# login throttle only slows down.
MINIMUM_SCORE = 3
WORD_RE = re.compile(r"[^\W_]{3,}")
NOT_WORD_RE = re.compile(r"[\W_\d]+")
# letters a password must have besides the user's login, name and organisation
OWN_CHARACTERS = 8


class ResUsers(models.Model):
    """Passwords checked for how easily they are guessed, not only for their length.

    password_security 11.0 checks length, character classes and history only:
    ``aaaaaaaaaaaa`` passed. zxcvbn estimates the guesses an attacker needs, knowing
    repeats, sequences, keyboard patterns, dates, common passwords and words, and the
    user's own login, name and e-mail address. Every path that sets a password ends in
    password_security's ``_check_password_rules`` (the change-password form, the reset
    and sign-up links, the administrator's write), so the check is added there.
    """

    _inherit = "res.users"

    @api.multi
    def _check_password_rules(self, password):
        super(ResUsers, self)._check_password_rules(password)
        if password:
            self._qnetz_check_password_strength(password)
        return True

    @api.multi
    def _qnetz_password_context_words(self):
        """What an attacker knows about the user: login, name, e-mail, organisation."""
        words = []
        for user in self.sudo():
            texts = [user.login, user.name, user.email, user.partner_id.commercial_partner_id.name,
                     user.company_id.name]
            for text in texts:
                if text:
                    words.append(text)
                    words.extend(WORD_RE.findall(text))
        return words

    @api.multi
    def _qnetz_check_password_strength(self, password):
        words = self._qnetz_password_context_words()
        # zxcvbn counts "Tischlerei Albers" (the company's name with a space) as strong
        # enough: what the password adds to the user's own words must be long itself.
        lowered = password.lower()
        own = lowered
        for word in sorted(words, key=len, reverse=True):
            own = own.replace(word.lower(), "")
        if own != lowered and len(NOT_WORD_RE.sub("", own)) < OWN_CHARACTERS:
            reason = _("It contains the login, the name or the organisation of the user.")
        elif zxcvbn.zxcvbn(password[:100], user_inputs=words)["score"] >= MINIMUM_SCORE:
            return True
        elif len(set(password)) <= 2:
            reason = _("It repeats the same characters.")
        else:
            reason = _("It consists of a sequence, a keyboard pattern, a date or a common "
                       "password or word.")
        raise PassError(_("This password is too easy to guess. %s Choose a longer phrase of "
                          "several unrelated words, for example four words with spaces "
                          "between them.") % reason)
