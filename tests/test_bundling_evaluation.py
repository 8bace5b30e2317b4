"""The independent evaluation set of the matcher (issue 23) stays usable: its needs are
labelled with topics that exist, each wording names where it came from, and the set is
big enough and holds enough needs that fit no topic the network offers.

The set lives in qnetz_courses/bundling/evaluation/ (README.md there). The set's checks read
only its CSV files and the need's area selection; TestHeldOutFigures runs the matcher with
the demo catalogue on the held-out half and holds it to the figures of the README."""
import csv
import importlib.util
import io
import os
import re
import unittest

from odoo.tests.common import SavepointCase

from odoo.addons.qnetz_base.models.qnetz_need import AREAS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVALUATION = os.path.join(ROOT, "qnetz_courses", "bundling", "evaluation")
NO_TOPIC = "none"
MIN_NEEDS = 300
MIN_SHARE_WITHOUT_TOPIC = 0.40
AREA_KEYS = {key for key, _label in AREAS}


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def normalised(text):
    return re.sub(r"\s+", " ", text).strip().lower()


def topic_problems(topics):
    """What is wrong with the topic list: duplicate keys, unknown areas, bad scope flags."""
    problems = []
    seen = set()
    for topic in topics:
        key = topic["key"]
        if key in seen:
            problems.append("%s: duplicate topic key" % key)
        seen.add(key)
        if topic["in_scope"] not in ("yes", "no"):
            problems.append("%s: in_scope must be yes or no" % key)
        area_may_be_empty = topic["in_scope"] == "no"
        if topic["area"] not in AREA_KEYS and not (area_may_be_empty and topic["area"] == ""):
            problems.append("%s: area %r is not a need area" % (key, topic["area"]))
        if not topic["title"].strip():
            problems.append("%s: no title" % key)
    return problems


def need_problems(needs, topics):
    """What is wrong with the needs: unknown topic keys, missing sources, duplicate
    texts or ids, areas the need form does not offer."""
    keys = {topic["key"] for topic in topics}
    problems = []
    ids, texts = set(), set()
    for need in needs:
        label = need["id"]
        if label in ids:
            problems.append("%s: duplicate id" % label)
        ids.add(label)
        text = normalised(need["text"])
        if not text:
            problems.append("%s: no text" % label)
        elif text in texts:
            problems.append("%s: duplicate text %r" % (label, need["text"]))
        texts.add(text)
        if need["topic"] != NO_TOPIC and need["topic"] not in keys:
            problems.append("%s: unknown topic %r" % (label, need["topic"]))
        for key in need["also_ok"].split():
            if key not in keys:
                problems.append("%s: unknown topic %r in also_ok" % (label, key))
        if not need["source"].strip() or not need["source_kind"].strip():
            problems.append("%s: no source" % label)
        if need["area_picked"] and need["area_picked"] not in AREA_KEYS:
            problems.append("%s: area %r is not a need area" % (label, need["area_picked"]))
    return problems


def share_without_topic(needs, topics):
    """The share of needs that fit no topic the network offers."""
    offered = {topic["key"] for topic in topics if topic["in_scope"] == "yes"}
    return sum(1 for need in needs if need["topic"] not in offered) / float(len(needs))


class TestEvaluationSet(unittest.TestCase):

    def setUp(self):
        super(TestEvaluationSet, self).setUp()
        with open(os.path.join(EVALUATION, "topics.csv"), encoding="utf-8") as handle:
            self.topics = read_csv(handle.read())
        with open(os.path.join(EVALUATION, "needs.csv"), encoding="utf-8") as handle:
            self.needs = read_csv(handle.read())

    def test_topics_are_well_formed(self):
        self.assertEqual(topic_problems(self.topics), [])
        self.assertTrue(any(topic["in_scope"] == "no" for topic in self.topics))

    def test_every_need_is_labelled_with_a_known_topic_and_names_its_source(self):
        self.assertEqual(need_problems(self.needs, self.topics), [])

    def test_the_set_is_big_enough_and_holds_needs_without_a_topic(self):
        self.assertGreaterEqual(len(self.needs), MIN_NEEDS)
        self.assertGreaterEqual(share_without_topic(self.needs, self.topics),
                                MIN_SHARE_WITHOUT_TOPIC)

    def test_every_offered_topic_has_a_need(self):
        used = {need["topic"] for need in self.needs}
        unused = sorted(topic["key"] for topic in self.topics
                        if topic["in_scope"] == "yes" and topic["key"] not in used)
        self.assertEqual(unused, [])


class TestPlantedMistakes(unittest.TestCase):
    """The checks on a small planted set with one mistake of each kind."""

    TOPICS = ("key,title,area,in_scope,trade,covers\n"
              "metal.welding,Schweißen,practice,yes,metal,\n"
              "out.leisure,Freizeit,,no,,\n"
              "out.leisure,Freizeit doppelt,,no,,\n"
              "metal.drawing,Zeichnen,drawing,yes,metal,\n")
    NEEDS = ("id,text,area_picked,topic,also_ok,source_kind,source,note\n"
             "n1,MAG Schweißen,practice,metal.welding,,chamber page,https://example.org/a,\n"
             "n2,mag  schweißen,,metal.welding,,chamber page,https://example.org/b,\n"
             "n3,Yoga,general,out.yoga,,VHS programme,https://example.org/c,\n"
             "n4,Staplerschein,practice,none,logistics.forklift,,,\n"
             "n1,Kochkurs privat,hobby,out.leisure,,VHS programme,https://example.org/d,\n")

    def test_each_planted_mistake_is_found(self):
        topics = read_csv(self.TOPICS)
        self.assertEqual(topic_problems(topics), [
            "out.leisure: duplicate topic key",
            "metal.drawing: area 'drawing' is not a need area",
        ])
        self.assertEqual(need_problems(read_csv(self.NEEDS), topics), [
            "n2: duplicate text 'mag  schweißen'",
            "n3: unknown topic 'out.yoga'",
            "n4: unknown topic 'logistics.forklift' in also_ok",
            "n4: no source",
            "n1: duplicate id",
            "n1: area 'hobby' is not a need area",
        ])

    def test_needs_of_out_of_scope_topics_and_none_count_as_without_topic(self):
        topics = read_csv(self.TOPICS)
        needs = read_csv(self.NEEDS)
        # n3 (unknown key), n4 (none) and n1 bis (out.leisure) fit no offered topic
        self.assertAlmostEqual(share_without_topic(needs, topics), 3 / 5.0)


def _matching_evaluation():
    """The benchmark's scoring module (qnetz_courses/benchmarks is no package)."""
    path = os.path.join(ROOT, "qnetz_courses", "benchmarks", "matching_evaluation.py")
    spec = importlib.util.spec_from_file_location("matching_evaluation", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The held-out half's figures with the area as picked, as the README reports them
# (qnetz_courses/README.rst, Benchmarks). A real regression moves one of them by more than
# the tolerance: about three needs of the 119 with a module, three of the 82 without.
HELD_OUT_TOP1 = 0.672
HELD_OUT_FALSE_SUGGESTIONS = 0.098
HELD_OUT_ADOPTED_RIGHT = 0.959
TOLERANCE = 0.03


class TestHeldOutFigures(SavepointCase):
    """The matcher on the held-out half of the evaluation set, with the demo catalogue
    and the adoption level in force."""

    def test_held_out_figures_hold(self):
        evaluation = _matching_evaluation()
        self.env.cr.execute("SELECT module || '.' || name, res_id FROM ir_model_data "
                            "WHERE model = 'qnetz.course.module'")
        module_ids = dict(self.env.cr.fetchall())
        Need = self.env["qnetz.need"]
        results = evaluation.evaluate(Need._qnetz_catalogue(), module_ids,
                                      Need._qnetz_adopt_confidence())
        held_out = results["held-out"]["picked"]
        self.assertEqual((held_out["with_module"], held_out["without_module"]), (119, 82))
        top1 = held_out["top1"] / float(held_out["with_module"])
        false = held_out["false_suggestion"] / float(held_out["without_module"])
        adopted_right = held_out["confident_right"] / float(held_out["confident"])
        self.assertGreaterEqual(top1, HELD_OUT_TOP1 - TOLERANCE)
        self.assertLessEqual(false, HELD_OUT_FALSE_SUGGESTIONS + TOLERANCE)
        self.assertGreaterEqual(adopted_right, HELD_OUT_ADOPTED_RIGHT - TOLERANCE)
        # better than the README says: the README is out of date, not the matcher wrong
        self.assertLess(top1, HELD_OUT_TOP1 + TOLERANCE, "update the README's figures")
        self.assertGreater(false, HELD_OUT_FALSE_SUGGESTIONS - TOLERANCE,
                           "update the README's figures")
