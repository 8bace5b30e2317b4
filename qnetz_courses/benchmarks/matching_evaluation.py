"""Scores the matcher on the independent evaluation set (bundling/evaluation/).

Plain Python: `evaluate(catalogue, module_ids, adopt)` takes the matcher's index of the
catalogue (bundling/matcher.py), {module xml id: module id} and the adoption confidence,
and returns the figures per choice of area. Used by bench_module_matching.py.

A need "has a module" when its topic maps to a module in topic_modules.csv (written from
the modules' content by the catalogue's author); a suggestion is right when its module
maps to the need's topic or to one of its `also_ok` topics. Needs of `out.*` topics, of
`none` and of topics without a module "fit no module": any suggestion for them is a
false suggestion.

The set is split into a development half and a held-out half (see `half`, and the
evaluation README): the matcher is tuned on the development half only; the held-out half
gives the figures the README reports.
"""
import csv
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EVALUATION = os.path.join(os.path.dirname(HERE), "bundling", "evaluation")
AREAS = ["general", "theory", "practice", "language"]
HALVES = ("development", "held-out")
NO_TOPIC = "none"


def half(need):
    """The half a need belongs to, by a fixed rule (the evaluation README): the SHA-256 of
    its topic key, even for development, odd for held-out, so that all paraphrases of a
    topic sit on one side and words learned from the development needs of a topic cannot
    help its held-out ones; the needs of `none`, which share no topic, by their own id."""
    group = need["id"] if need["topic"] == NO_TOPIC else need["topic"]
    return HALVES[int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % 2]


def _rows(name):
    with open(os.path.join(EVALUATION, name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(module_ids):
    """(needs, {topic key: set of module ids}, {topic key: area})"""
    topic_area = {row["key"]: row["area"] for row in _rows("topics.csv")}
    serves = {}
    for row in _rows("topic_modules.csv"):
        serves[row["topic_key"]] = {module_ids[xml_id]
                                    for xml_id in row["modules"].split(";") if xml_id}
    return _rows("needs.csv"), serves, topic_area


def wrong_area(need, topic_area):
    """A deterministic area that is not the need's own: the next one in the list."""
    own = topic_area.get(need["topic"]) or need["area_picked"] or "general"
    return AREAS[(AREAS.index(own) + 1) % len(AREAS)]


def evaluate(catalogue, module_ids, adopt):
    """{half: {area choice: figures}}; the halves of HALVES; the area choices: picked (as
    in the form), empty, wrong."""
    needs, serves, topic_area = load(module_ids)
    return {name: _evaluate_needs(catalogue, adopt, serves, topic_area,
                                  [need for need in needs if half(need) == name])
            for name in HALVES}


def _evaluate_needs(catalogue, adopt, serves, topic_area, needs):
    results = {}
    for choice in ("picked", "empty", "wrong"):
        figures = dict(with_module=0, top1=0, top3=0, no_suggestion=0, confident=0,
                       confident_right=0, without_module=0, false_suggestion=0,
                       false_confident=0, false_not_ok=0, misses=[], false=[])
        for need in needs:
            area = {"picked": need["area_picked"] or None, "empty": None,
                    "wrong": wrong_area(need, topic_area)}[choice]
            ranking = catalogue.rank(need["text"], "", area, None, limit=3)
            right = set(serves.get(need["topic"], ()))
            for other in need["also_ok"].split():
                right |= serves.get(other, set())
            if serves.get(need["topic"]):
                figures["with_module"] += 1
                hit = bool(ranking) and ranking[0].module_id in right
                figures["top1"] += hit
                figures["top3"] += any(s.module_id in right for s in ranking)
                figures["no_suggestion"] += not ranking
                if ranking and ranking[0].confidence >= adopt:
                    figures["confident"] += 1
                    figures["confident_right"] += hit
                if not hit:
                    figures["misses"].append((need, ranking))
            else:
                figures["without_module"] += 1
                if ranking:
                    figures["false_suggestion"] += 1
                    figures["false_confident"] += ranking[0].confidence >= adopt
                    # the label's also_ok may name a module a coordinator might still pick
                    figures["false_not_ok"] += ranking[0].module_id not in right
                    figures["false"].append((need, ranking))
        results[choice] = figures
    return results
