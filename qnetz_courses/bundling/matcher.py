"""Which course module of the catalogue serves a need, from the need's own words.

Plain Python over an in-memory index of the catalogue (about a hundred modules): no ORM,
no queries, so that it can be tested and benchmarked alone.

How a need is read:
- its words are folded (case, umlauts written as "ae" or "ä" but not "eue"/"aue", "ß" as
  "ss"), filler words ("Kurs", "Azubi", "bitte", "for") are dropped and the rest lightly
  stemmed;
- each word is looked up in the catalogue's vocabulary: whole (stem), as an English word
  or an abbreviation of the word lists (matcher_words.py: "milling", "ZP", "Doku"), as
  the part of a compound ("Schutzgasschweißen" contains "schweissen"; a generic part such
  as "-technik" is no evidence), or, only when the word is not a word of the catalogue at
  all, as a spelling slip of one ("Fachrechenen"). A slip is never confident: a
  near-spelling may be a different word ("Messtechnik" is not "Messertechnik");
- a word the catalogue does not know weighs like a rare word when it is a noun, and a
  third of that when the text capitalises its nouns and writes this word small ("versteht",
  "schwer": how the need is put, not what it is about); of two alternatives written with
  a slash one known is enough;
- occupations ("Zerspaner", "Fleischer") and language levels ("B1") written in the text
  count like the occupation chosen in the form; a word named like an occupation that the
  network does not know ("Steuerfachangestellte") names an occupation no module serves.

How a module is scored: rare words weigh more than generic ones (inverse document
frequency over the catalogue: a word of one module weighs much, "Grundlagen" in twenty
weighs little). The confidence is the share of the need's weight that the module
explains (words only the language track knows count half against a trade module: a trade
need with language support), raised for each further word of the need the module knows
(agreeing words are rarely a coincidence), so a need with several words the catalogue
does not know ("Sauerteig führen") falls below the threshold and gets "no module". The
area the requester picked only nudges; a module for other occupations is held back and
explains the occupation it serves; the module's own name written in the need wins; a word
that many modules share alike ("Deutsch") names no module. The thresholds are calibrated
on the development half of the evaluation set (bundling/evaluation/README.md).
"""
import math
import re
import unicodedata
from collections import namedtuple

from .matcher_words import ABBREVIATIONS, ENGLISH, OCCUPATION_ENDINGS

# Below this confidence no module is suggested ("no module"). Calibrated on the
# development half of the evaluation set (bundling/evaluation/, README there): the lowest
# level at which at most about 5 % of its needs without a module get a suggestion; the
# held-out half is only measured.
SUGGEST_CONFIDENCE = 0.55
# What qualifying adopts without a second look, unless the system parameter
# qnetz_courses.match_adopt_confidence says otherwise; shown on the need.
ADOPT_CONFIDENCE = 0.75
# A module whose evidence is only spelling guesses stays below the adoption level.
GUESS_CAP = ADOPT_CONFIDENCE - 0.05
# Two modules this close are a tie: neither is adopted without the coordinator.
TIE_MARGIN = 0.05
# So many modules tied: no suggestion at all.
WIDE_TIE = 3
# Words of the description count less than the topic's: notes wander.
DESCRIPTION_WEIGHT = 0.3
# Words only the language track knows count this share against a module of another area:
# "Staplerkurs, spricht wenig Deutsch" asks for the forklift course with support.
LANGUAGE_AREA = "language"
LANGUAGE_SUPPORT_SHARE = 0.5
# What each further word known to the same module adds to the confidence (a share).
AGREEMENT_BONUS = 0.3
# The area picked in the form is a weak hint.
AREA_FACTOR = 1.1
# A module written for other occupations than the need's.
OTHER_OCCUPATION_FACTOR = 0.45
SAME_OCCUPATION_FACTOR = 1.05
UNNAMED_OCCUPATION_FACTOR = 0.9
OTHER_LEVEL_FACTOR = 0.5
# Quality of a hit: the word itself, a part of a compound, a spelling guess.
COMPOUND_QUALITY = 0.85
# An English word or an abbreviation read as the catalogue's German word.
SYNONYM_QUALITY = 0.9
GUESS_QUALITY = 0.75
MIN_PART = 5

# Words that say nothing about the content of a course (German, English, and the
# request's own wording). Folded like the text (see fold()).
FILLER = set("""
aber alle allem allen aller alles als also am an and auch auf aus bei beim bin bis bitte
brauch brauche brauchen braucht da damit das dass dem den denen der des die dies diese
diesem diesen dieser doch dort du durch ein eine einem einen einer eines er es etwas
fur gibt hab habe haben hat hatte ich ihr im in ins ist ja jemand kann kein keine konnen
konnte man mehr mit muss mussen nach nicht noch nur ob oder ohne sehr sein seine sich
sie sind so soll sollen sollte sowie uber um und uns unser unsere unseren unserer unter
vom von vor wann war was weil welche wenn wer werden wie wir wird wo wollen zu zum zur
zwei drei for the a an of to in on with and or our we need needs want please some my
is are be can course courses training kurs kurse kursus lehrgang lehrgange seminar
schulung schulungen fortbildung weiterbildung unterricht workshop angebot angebote
azubi azubis auszubildende auszubildenden auszubildender lehrling lehrlinge apprentice
apprentices mitarbeiter mitarbeiterin mitarbeitende kollege kollegen firma betrieb
unternehmen leute person personen teilnehmer gesucht suchen suche sucht moglich
moglichst dringend gerne gern thema themen bereich bzw usw etc ca tag tage woche wochen
monat jahr neu neue neuen erste ersten ausbildung ausbildungsjahr lehrjahr bereits
schon jetzt bald hilfe hilft helfen unterstutzung benotigt benotigen interesse
lernen lernt uben vertiefen auffrischen auffrischung kenntnisse wissen machen richtig
besser herstellen herstellung fur learn learning basic fuhren fuhrt
""".split())
# Words of many kinds of course: they weigh at most GENERIC_SHARE of the rarest word,
# whatever their document frequency ("Grundlagen der Elektrotechnik", "EDV-Grundlagen").
GENERIC_WORDS = """
grundlagen grundkurs aufbaukurs einfuhrung basis basics technik praxis theorie fachkunde
beruf berufe arbeit work job fach prufung system systeme anlage anlagen
"""
GENERIC_SHARE = 0.2
# An unknown word written small in a text that capitalises its nouns weighs this share of
# an unknown noun: it tells how the need is put, rarely what it is about.
CHATTER_SHARE = 0.35

# Occupations as people write them: folded word -> occupation xml id. The names of the
# occupations themselves are read from the records (see Catalogue).
OCCUPATION_WORDS = {
    "zerspaner": "qnetz_base.occupation_zerspanungsmechaniker",
    "dreher": "qnetz_base.occupation_zerspanungsmechaniker",
    "fraser": "qnetz_base.occupation_zerspanungsmechaniker",
    "industriemechaniker": "qnetz_base.occupation_industriemechaniker",
    "schlosser": "qnetz_base.occupation_metallbauer",
    "metallbauer": "qnetz_base.occupation_metallbauer",
    "elektriker": "qnetz_base.occupation_elektroniker",
    "elektroniker": "qnetz_base.occupation_elektroniker",
    "mechatroniker": "qnetz_base.occupation_mechatroniker",
    "tischler": "qnetz_base.occupation_tischler",
    "schreiner": "qnetz_base.occupation_tischler",
    "kfz": "qnetz_base.occupation_kfz_mechatroniker",
    "kfzmechatroniker": "qnetz_base.occupation_kfz_mechatroniker",
    "automechaniker": "qnetz_base.occupation_kfz_mechatroniker",
    "lagerist": "qnetz_base.occupation_fachlagerist",
    "fachlagerist": "qnetz_base.occupation_fachlagerist",
    "lagerlogistik": "qnetz_base.occupation_fachkraft_lagerlogistik",
    "koch": "qnetz_base.occupation_koch",
    "kochin": "qnetz_base.occupation_koch",
    "koche": "qnetz_base.occupation_koch",
    "pflegefachfrau": "qnetz_base.occupation_pflegefachkraft",
    "pflegefachmann": "qnetz_base.occupation_pflegefachkraft",
    "pflegefachkraft": "qnetz_base.occupation_pflegefachkraft",
    "pflegekraft": "qnetz_base.occupation_pflegefachkraft",
    "anlagenmechaniker": "qnetz_base.occupation_anlagenmechaniker_shk",
    "installateur": "qnetz_base.occupation_anlagenmechaniker_shk",
    "maurer": "qnetz_base.occupation_maurer",
    "industriekaufmann": "qnetz_base.occupation_industriekaufmann",
    "industriekauffrau": "qnetz_base.occupation_industriekaufmann",
    "verkaufer": "qnetz_base.occupation_verkaeufer",
    "verkauferin": "qnetz_base.occupation_verkaeufer",
    "chemikant": "qnetz_base.occupation_chemikant",
    "fleischer": "qnetz_base.occupation_fleischer",
    "metzger": "qnetz_base.occupation_fleischer",
    "schlachter": "qnetz_base.occupation_fleischer",
    "backer": "qnetz_base.occupation_baecker",
    "backerin": "qnetz_base.occupation_baecker",
    "konditor": "qnetz_base.occupation_baecker",
    "burokaufmann": "qnetz_base.occupation_kaufmann_bueromanagement",
    "burokauffrau": "qnetz_base.occupation_kaufmann_bueromanagement",
    "buromanagement": "qnetz_base.occupation_kaufmann_bueromanagement",
    "hotelfachmann": "qnetz_base.occupation_hotelfachmann",
    "hotelfachfrau": "qnetz_base.occupation_hotelfachmann",
    "berufskraftfahrer": "qnetz_base.occupation_berufskraftfahrer",
    "lkw": "qnetz_base.occupation_berufskraftfahrer",
    "pflegehelfer": "qnetz_base.occupation_pflegefachkraft",
}
LEVEL = re.compile(r"^[abc][12]$")
WORD = re.compile(r"[a-z0-9]+")
ALTERNATIVES = re.compile(r"([a-z0-9]+)\s*/\s*([a-z0-9]+)")
TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
VOWEL = re.compile(r"[aeiouy]")
LETTER_PREFIX = re.compile(r"\b([a-z])-([a-z]{3})")
SUFFIXES = ("ungen", "ung", "en", "es", "e", "s")
# "ae", "oe", "ue" written for an umlaut, but not after a vowel: "Steuer", "Bauer",
# "neue" keep their "e" (else "Steuer" would read as "Stur").
UMLAUT_SPELLING = re.compile(r"(?<![aeiou])([aou])e")

Suggestion = namedtuple("Suggestion", "module_id confidence words guessed exact")


def fold(text):
    """Lower case, no accents, umlauts as their base letter, "ß" as "ss": "Küche",
    "Kueche" and "Kuche" are one word."""
    text = (text or "").lower().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    text = UMLAUT_SPELLING.sub(r"\1", text)
    # "E-Technik", "E-Hand": one word, not a lost letter and a generic word
    return LETTER_PREFIX.sub(r"\1\2", text)


def stem(word):
    """A light German stem: "Schweißen"/"Schweiß", "Kommissionierung"/"Kommissionier".
    "-er" stays: "Messer" (knife) must not become "mess" (measure)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith("ss"):
                break
            return word[:-len(suffix)]
    return word


def generic_stems():
    return {stem(word) for word in GENERIC_WORDS.split()}


def words(text):
    """The folded words of a text, filler and single letters dropped, in order."""
    return [w for w in WORD.findall(fold(text)) if len(w) > 1 and w not in FILLER]


def key_words(text):
    """The stems of a topic, sorted: needs without a module are grouped by them."""
    return " ".join(sorted({stem(w) for w in words(text) if not w.isdigit()}))


def written_small(text):
    """The folded words that a text capitalising its nouns writes in lower case (none
    when the whole text is in lower case: then nothing can be told)."""
    if not text or text.lower() == text:
        return set()
    small, capital = set(), set()
    for token in TOKEN.findall(text):
        for word in WORD.findall(fold(token)):
            (small if token[:1].islower() else capital).add(word)
    return small - capital


def other_occupation(word):
    """A key for an occupation the network does not know, when the word is named like one
    ("Steuerfachangestellte", "Landschaftsgärtnerin"), else None."""
    for ending in OCCUPATION_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return "other:" + word
    return None


def within_one_or_two(a, b, limit):
    """Whether the edit distance of a and b is at most `limit` (1 or 2); cheap bounds."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1,
                        previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


class Catalogue(object):
    """The index of the active modules.

    modules: iterable of dicts with id, name, area, terms (name, keywords, synonyms:
    strings), occupation_ids (set), levels (set of "a1".."c2"), learned (strings: the
    topics of needs the coordinator confirmed for the module).
    occupations: {occupation id: [names]}; xml_ids: {xml id: occupation id}."""

    def __init__(self, modules, occupations=None, xml_ids=None):
        self.modules = {}
        self.names = {}
        self.occupation_words = {}
        for occupation_id, names in (occupations or {}).items():
            for name in names:
                for word in WORD.findall(fold(name)):
                    if len(word) > 3:
                        self.occupation_words.setdefault(word, occupation_id)
        for word, xml_id in OCCUPATION_WORDS.items():
            if (xml_ids or {}).get(xml_id):
                self.occupation_words[word] = xml_ids[xml_id]
        document_frequency = {}
        for module in modules:
            features = {}
            for term in list(module["terms"]) + list(module.get("learned") or ()):
                for word in words(term):
                    if not LEVEL.match(word):
                        features.setdefault(stem(word), word)
            self.modules[module["id"]] = dict(
                module, features=features, occupation_ids=set(module["occupation_ids"]),
                levels=set(module.get("levels") or ()))
            name = tuple(stem(w) for w in words(module["name"]))
            # a name of one word is scored like any word: "Mathe" alone names no module
            if len(name) > 1:
                self.names[module["id"]] = name
            for feature in features:
                document_frequency[feature] = document_frequency.get(feature, 0) + 1
        count = max(len(self.modules), 1)
        self.generic = generic_stems()
        # generic words weigh a fixed share of the rarest word's weight, whatever their
        # document frequency: the scale grows with the catalogue
        self.generic_weight = GENERIC_SHARE * math.log(1.0 + count)
        self.idf = {feature: min(math.log(1.0 + count / df),
                                 self.generic_weight if feature in self.generic else 99.0)
                    for feature, df in document_frequency.items()}
        # a word the catalogue does not know weighs like a rare word: it is what the
        # need is about, and nothing serves it
        self.unknown_weight = math.log(1.0 + count / 2.0)
        self.occupation_weight = math.log(1.0 + count / 4.0)
        self.posting = {}
        for module_id, module in self.modules.items():
            module["mass"] = math.sqrt(sum(self.idf[f] for f in module["features"]) or 1.0)
            for feature in module["features"]:
                self.posting.setdefault(feature, []).append(module_id)
        self.serving = {}
        for module_id, module in self.modules.items():
            for occupation_id in module["occupation_ids"]:
                self.serving.setdefault(occupation_id, []).append(module_id)
        self.language_only = {
            feature for feature, module_ids in self.posting.items()
            if all(self.modules[m]["area"] == LANGUAGE_AREA for m in module_ids)}
        self.prefixes = {}
        for feature in self.idf:
            self.prefixes.setdefault(feature[:1], []).append(feature)
        self.reference = max(self.idf.values()) if self.idf else 1.0
        # English words and abbreviations: the catalogue's features they stand for
        self.synonyms = {}
        for table in (ENGLISH, ABBREVIATIONS):
            for written, meant in table.items():
                features = [f for f in (stem(w) for w in words(meant)) if f in self.idf]
                for word in words(written):
                    if features and stem(word) not in self.idf:
                        self.synonyms[word] = features
        self._readings = {}

    # reading a need ---------------------------------------------------------------
    def _features_of(self, word):
        """[(feature, quality, guessed)] for one word of a need."""
        feature = stem(word)
        if feature in self.idf:
            return [(feature, 1.0, False)]
        if word in self.synonyms:
            return [(known, SYNONYM_QUALITY, False) for known in self.synonyms[word]]
        # a compound: its longest known head and its longest known tail
        # (the rest must look like a word: "Schw|eisen" is no compound of "Eisen"); a
        # generic part says nothing ("Müllereitechnik" is no "Technik" course)
        head = tail = None
        compound = False
        if len(word) >= 2 * MIN_PART - 1:
            for cut in range(MIN_PART, len(word) - 2):
                if not VOWEL.search(word[cut:]):
                    continue
                for part in (stem(word[:cut]), word[:cut]):
                    if part in self.generic:
                        compound = True
                    elif part in self.idf:
                        head = part
                        break
            for cut in range(len(word) - MIN_PART, 2, -1):
                if not VOWEL.search(word[:cut]):
                    continue
                for part in (stem(word[cut:]), word[cut:]):
                    if part in self.generic:
                        compound = True
                    elif part in self.idf:
                        tail = part
                        break
        found = [(part, COMPOUND_QUALITY, False) for part in {head, tail} if part]
        if found:
            return found
        if len(feature) >= 5:
            # a compound of a generic word is a word of its own ("Melktechnik" is no
            # slip of "Messtechnik"), unless one letter is all it lacks ("Steurungstechnik")
            limit = 1 if compound or len(feature) < 9 else 2
            guesses = [known for known in self.prefixes.get(feature[:1], ())
                       if within_one_or_two(feature, known, limit)]
            return [(known, GUESS_QUALITY, True) for known in guesses]
        return []

    def _joined(self, text_words):
        """Two words that the catalogue knows as one: "Stapler Schein"."""
        result = []
        index = 0
        while index < len(text_words):
            pair = "".join(text_words[index:index + 2])
            if index + 1 < len(text_words) and stem(pair) in self.idf:
                result.append(pair)
                index += 2
            else:
                result.append(text_words[index])
                index += 1
        return result

    def reading(self, topic, description=""):
        """What a need says: [(word, weight, [(feature, quality, guessed)])], the
        occupations and levels it names, its folded topic words."""
        cache_key = (topic, description)
        reading = self._readings.get(cache_key)
        if reading is not None:
            return reading
        items = []
        occupations = set()
        levels = set()
        seen = set()
        topic_words = words(topic)
        lower = written_small(topic) | written_small(description)
        # "Messtechnik / Prüfmittel": alternatives; one the catalogue knows is enough
        alternatives = {}
        for first, second in ALTERNATIVES.findall(fold(topic)):
            alternatives[first] = second
            alternatives[second] = first
        for weight, text_words in ((1.0, topic_words),
                                   (DESCRIPTION_WEIGHT, words(description))):
            text_words = self._joined(text_words)
            for word in text_words:
                if word in seen or word.isdigit():
                    continue
                seen.add(word)
                if LEVEL.match(word):
                    levels.add(word)
                    continue
                occupation = self.occupation_words.get(word) or other_occupation(word)
                if occupation:
                    occupations.add(occupation)
                    # "CNC-Dreher" is an occupation and a word of a module
                    if stem(word) not in self.idf:
                        continue
                features = self._features_of(word)
                if not features and word in alternatives and self._features_of(
                        alternatives[word]):
                    continue
                if features:
                    base = max(self.idf[f] for f, _q, _g in features)
                elif stem(word) in self.generic:
                    base = self.generic_weight
                elif word in lower:
                    # written small in a text that capitalises its nouns: a verb or an
                    # adjective ("versteht", "schwer"), what the need says about itself
                    base = self.unknown_weight * CHATTER_SHARE
                else:
                    base = self.unknown_weight
                items.append((word, weight * base, features))
        reading = (items, occupations, levels, tuple(stem(w) for w in topic_words))
        if len(self._readings) < 100000:
            self._readings[cache_key] = reading
        return reading

    # ranking ----------------------------------------------------------------------
    def rank(self, topic, description="", area=None, occupation_id=None, limit=3):
        """The modules that serve the need, best first: [Suggestion]. Empty when none
        reaches SUGGEST_CONFIDENCE."""
        items, occupations, levels, topic_stems = self.reading(topic, description)
        if occupation_id:
            occupations = occupations | {occupation_id}
        total = sum(weight for _word, weight, _features in items)
        # words only the language track knows ("Deutsch", "Sprache"): in a need that also
        # names a trade's content they ask for support, the content is the need
        support = sum(weight for _word, weight, features in items
                      if features and all(f in self.language_only for f, _q, _g in features))
        # occupations and levels written in the text are part of what the need says
        named = self.occupation_weight if occupations - {occupation_id} else 0.0
        total += named + (self.occupation_weight if levels else 0.0)
        gains = {}
        for word, weight, features in items:
            best = {}
            for feature, quality, guessed in features:
                share = quality * self.idf[feature] / max(
                    self.idf[f] for f, _q, _g in features)
                for module_id in self.posting.get(feature, ()):
                    if share > best.get(module_id, (0.0,))[0]:
                        best[module_id] = (share, guessed)
            for module_id, (share, guessed) in best.items():
                gain = gains.setdefault(module_id, [0.0, [], True, 0.0])
                gain[0] += weight * share
                gain[3] += weight
                gain[1].append(word if not guessed else "%s?" % word)
                gain[2] = gain[2] and guessed
        # "Maschinenkurs Tischler": a module for joiners that the need's other words
        # found explains "Tischler" too
        for word, weight, _features in items:
            for module_id in self.serving.get(self.occupation_words.get(word), ()):
                gain = gains.get(module_id)
                if gain and word not in gain[1]:
                    gain[0] += weight
                    gain[3] += weight
                    gain[1].append(word)
        exact = {module_id for module_id, name in self.names.items()
                 if _contains(topic_stems, name)}
        for module_id in exact:
            gains.setdefault(module_id, [0.0, [], False, 0.0])[2] = False
        if not total and not exact:
            return []
        scored = []
        for module_id, (gain, matched, only_guessed, evidence) in gains.items():
            module = self.modules[module_id]
            factor = 1.0
            if module["occupation_ids"] and occupations:
                if module["occupation_ids"] & occupations:
                    factor *= SAME_OCCUPATION_FACTOR
                    gain += named
                    evidence += named
                else:
                    factor *= OTHER_OCCUPATION_FACTOR
            elif module["occupation_ids"]:
                # a need that names no occupation: a module for everyone fits it better
                factor *= UNNAMED_OCCUPATION_FACTOR
            if levels and module["levels"]:
                if module["levels"] & levels:
                    # a module of exactly that level says more than one for three levels
                    gain += self.occupation_weight / len(module["levels"])
                    evidence += self.occupation_weight / len(module["levels"])
                else:
                    factor *= OTHER_LEVEL_FACTOR
            # one generic word alone is no evidence ("Grundlagen", "Technik")
            evidence = min(1.0, evidence / (0.6 * self.reference))
            own_total = total
            if module["area"] != LANGUAGE_AREA:
                own_total -= (1.0 - LANGUAGE_SUPPORT_SHARE) * support
            score = min(1.0, gain / own_total if own_total else 0.0) * evidence * factor
            # each further word of the need that the module knows is evidence of its own:
            # two words agreeing on a module are rarely a coincidence
            agreeing = sum(1 for word in matched if not word.endswith("?"))
            score *= 1.0 + AGREEMENT_BONUS * max(agreeing - 1, 0)
            if area and module["area"] == area:
                score *= AREA_FACTOR
            if module_id in exact:
                score = max(score, 0.95)
            elif only_guessed:
                score = min(score, GUESS_CAP)
            # equal scores (a generic wording, "Schweißen"): the broader module, the one
            # with more words, is the safer first guess
            scored.append([module_id in exact, score, module["mass"], module_id,
                           matched, only_guessed])
        scored.sort(key=lambda row: (row[0], row[1], row[2], -row[3]), reverse=True)
        if len(scored) > 1 and not scored[0][0] and scored[0][1] - scored[1][1] < TIE_MARGIN:
            # a tie is the coordinator's choice: keep it below what qualifying adopts
            top = scored[0][1]
            tied = sum(1 for row in scored if top - row[1] < TIE_MARGIN)
            # many modules alike ("Deutsch"): the need names a family, not a module
            cap = GUESS_CAP if tied < WIDE_TIE else SUGGEST_CONFIDENCE - 0.01
            for row in scored:
                row[1] = min(row[1], cap) if top - row[1] < TIE_MARGIN \
                    else min(row[1], scored[0][1])
        return [Suggestion(module_id, round(min(score, 1.0), 3), matched, guessed, is_exact)
                for is_exact, score, _breadth, module_id, matched, guessed
                in scored[:limit] if score >= SUGGEST_CONFIDENCE]


def _contains(haystack, needle):
    size = len(needle)
    return any(tuple(haystack[i:i + size]) == needle
               for i in range(len(haystack) - size + 1))
