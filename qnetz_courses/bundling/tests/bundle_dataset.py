"""A labelled set of realistic training needs and the groups a coordinator would form.

Deterministic (a fixed seed): the needs are written the way companies write them, with
typos, abbreviations and notes, from companies on both sides of the Weser. Each label is
the course module a coordinator would bundle the need into, or, for topics the catalogue
does not cover, a group name of its own ("topic:..."): those needs belong together by
their topic. Used by tests/test_module_matching.py and benchmarks/bench_module_matching.py.
"""
import random
from collections import Counter

SEED = 17
OCCUPATION = "qnetz_base.occupation_"
M = "qnetz_courses.course_module_%s_demo"

# label: (area, occupations (xml ids without prefix, None: not given), wordings, notes)
LABELS = {
    M % "fachrechnen_metall": ("theory", ["industriemechaniker", "zerspanungsmechaniker",
                                          "metallbauer", None], [
        "Fachrechnen", "Technische Mathematik", "Mathe für Metaller", "fachrechnen metall",
        "Fachrechnung für Azubis", "Technische Mathe", "Fachrechenen", "Tabellenbuch Metall",
        "Schnittdaten berechnen", "Mathe Metall Ausbildung"], [
        "", "Azubi hat Probleme mit Formeln", "Zwischenprüfung im Frühjahr",
        "Rechnen mit dem Tabellenbuch klappt nicht"]),
    M % "fachrechnen_elektro": ("theory", ["elektroniker", "mechatroniker"], [
        "Fachrechnen", "Technische Mathematik", "Mathe für Elektriker", "Ohmsches Gesetz",
        "Fachrechnen Elektro", "Elektro rechnen", "Leistung berechnen", "Fachrechnung"], [
        "", "Berechnungen in der Berufsschule fallen schwer", "vor der Gesellenprüfung"]),
    M % "cnc_drehen": ("practice", ["zerspanungsmechaniker", "industriemechaniker", None], [
        "CNC-Drehen", "CNC Drehen Grundkurs", "Drehen an der CNC", "CNC-Dreher Kurs",
        "cnc drehen", "CNC Drehmaschine programmieren", "Drehkurs CNC", "CNC-Drehn"], [
        "", "wir haben keine eigene CNC-Drehmaschine", "Programmierung PAL"]),
    M % "cnc_fraesen": ("practice", ["zerspanungsmechaniker", "industriemechaniker"], [
        "CNC-Fräsen", "CNC Fräsen Grundlagen", "Fräsen CNC", "CNC Fräskurs", "cnc fraesen",
        "CNC-Fräsmaschine bedienen", "Fräsen lernen"], [
        "", "3-Achs-Fräsen", "Prüfungsstück Fräsen"]),
    M % "schweissen": ("practice", ["metallbauer", "industriemechaniker", None], [
        "Schweißen", "Schweisskurs", "MAG-Schweißen", "Schweißlehrgang",
        "schweissen grundkurs", "Schweisen", "Schweißnähte üben"], [
        "", "Stahlbau", "Azubis sollen Schweißschein machen"]),
    # issue 23 split WIG and the stick electrode off the MAG course
    M % "schweissen_wig_ehand": ("practice", ["metallbauer", "industriemechaniker", None], [
        "WIG Schweißen", "Elektrodenschweißen", "WIG-Schweißen Edelstahl"], [
        "", "Stahlbau"]),
    M % "sps": ("theory", ["elektroniker", "mechatroniker"], [
        "SPS", "SPS-Programmierung", "Steuerungstechnik", "Siemens S7", "TIA Portal Kurs",
        "SPS Grundlagen", "Speicherprogrammierbare Steuerung", "Steurungstechnik"], [
        "", "Anlagen mit S7-1500", "Automatisierung"]),
    M % "hydraulik_pneumatik": ("theory", ["industriemechaniker", "mechatroniker", None], [
        "Hydraulik", "Pneumatik", "Hydraulik und Pneumatik", "Fluidtechnik", "Pneumatik Grundkurs",
        "Hydraulikpläne lesen", "Hydrauik"], [
        "", "Wartung unserer Pressen", "Druckluftanlagen"]),
    M % "technisches_zeichnen": ("theory", ["industriemechaniker", "metallbauer", "tischler"], [
        "Technisches Zeichnen", "Zeichnungen lesen", "Zeichnungslesen", "technische Zeichnung",
        "Technisch Zeichnen", "Bemaßung und Projektion"], [
        "", "Azubis verstehen die Zeichnungen nicht"]),
    M % "elektrotechnik": ("theory", ["elektroniker", "anlagenmechaniker_shk"], [
        "Elektrotechnik Grundlagen", "Grundlagen Elektrotechnik", "Strom und Spannung",
        "E-Technik", "Wechselstrom und Drehstrom", "Elektotechnik"], [
        "", "Grundwissen fehlt"]),
    M % "holzkunde": ("theory", ["tischler"], [
        "Holzkunde", "Holzarten", "Werkstoffkunde Holz", "Holzwerkstoffe", "Holzkunde Prüfung"], [
        "", "Vorbereitung Gesellenprüfung"]),
    M % "maschinenkurs_holz": ("practice", ["tischler"], [
        "Maschinenkurs", "Maschinenlehrgang Holz", "MAKU", "Tischkreissäge sicher bedienen",
        "Maschinenkurs Tischler", "Holzbearbeitungsmaschinen"], [
        "", "Pflicht für die Gesellenprüfung"]),
    M % "haccp": ("theory", ["koch", "verkaeufer"], [
        "Hygieneschulung", "HACCP", "Lebensmittelhygiene", "Hygiene in der Küche",
        "Hygiene Schulung", "Küchenhygiene"], [
        "", "jährliche Belehrung", "Fleischtheke"]),
    M % "kueche_grundtechniken": ("practice", ["koch"], [
        "Messertechnik", "Grundtechniken Küche", "Schnitttechniken", "Garmethoden",
        "Kochen Grundlagen"], [
        "", "Azubis im ersten Jahr"]),
    M % "pflege_medikamente": ("theory", ["pflegefachkraft"], [
        "Medikamentenlehre", "Arzneimittellehre", "Pharmakologie", "Medikamente stellen",
        "Medikamentengabe"], [
        "", "Sicherheit bei der Medikamentengabe"]),
    M % "pflege_praxis": ("practice", ["pflegefachkraft"], [
        "Kinästhetik", "Mobilisation", "Lagerung und Mobilisation", "Kinaesthetik Grundkurs",
        "rückenschonend arbeiten"], [
        "", "viele Rückenprobleme im Team"]),
    M % "gabelstapler": ("practice", ["fachkraft_lagerlogistik", "fachlagerist", None], [
        "Staplerschein", "Gabelstaplerschein", "Staplerführerschein", "Gabelstapler fahren",
        "Stapler Schein", "Flurförderzeuge", "Gabelstaplerfahrer"], [
        "", "neue Azubis im Lager", "Fahrausweis fehlt"]),
    M % "lagerlogistik": ("theory", ["fachkraft_lagerlogistik", "fachlagerist"], [
        "Lagerlogistik", "Lagerwirtschaft", "Lagerkennzahlen", "Logistik Prüfung",
        "Warenwirtschaft Lager"], [
        "", "Abschlussprüfung im Sommer"]),
    M % "deutsch_b1": ("language", [None, "industriemechaniker", "koch", "fachlagerist"], [
        "Deutschkurs", "Deutsch B1", "Sprachkurs Deutsch", "Deutsch für die Berufsschule",
        "Deutsch lernen", "Deutsch als Zweitsprache", "Deutch Kurs", "Berufssprache Deutsch"], [
        "", "Azubi aus Syrien", "Geflüchteter, versteht den Unterricht nicht",
        "kam vor zwei Jahren aus der Ukraine"]),
    M % "deutsch_pflege": ("language", ["pflegefachkraft"], [
        "Deutsch Pflege", "Deutsch für Pflegekräfte", "Pflegesprache", "Fachsprache Pflege",
        "Deutsch für die Pflege"], [
        "", "Pflegedokumentation auf Deutsch", "Übergabe im Team"]),
    M % "englisch_technik": ("language", ["mechatroniker", "industriemechaniker", None], [
        "Englisch", "Technisches Englisch", "Englisch für Techniker", "Englischkurs",
        "Fachenglisch", "English"], [
        "", "Montage im Ausland", "Anleitungen auf Englisch"]),
    M % "wiso": ("general", [None, "industriekaufmann", "verkaeufer"], [
        "WiSo", "Wirtschafts- und Sozialkunde", "WiSo Prüfung", "Wirtschaft und Soziales",
        "Sozialkunde"], [
        "", "Prüfungsvorbereitung"]),
    M % "mathe_grundlagen": ("general", [None, "verkaeufer", "fachlagerist"], [
        "Mathe Nachhilfe", "Grundrechenarten", "Prozentrechnung", "Dreisatz", "Bruchrechnen",
        "Rechnen Grundlagen"], [
        "", "Lücken aus der Schule"]),
    M % "edv_grundlagen": ("general", [None, "industriekaufmann"], [
        "Excel", "EDV Grundlagen", "Computerkurs", "Office Grundkurs", "PC-Kenntnisse",
        "Word und Excel"], [
        "", "Azubis sollen Tabellen anlegen"]),
    M % "berichtsheft": ("general", [None], [
        "Berichtsheft", "Berichtsheft schreiben", "Ausbildungsnachweis", "Berichtsheftführung",
        "Wochenbericht"], [
        "", "Azubis schreiben ihre Berichte nicht"]),
    # topics the catalogue does not cover: grouped by their words
    "topic:social_media": ("general", [None, "verkaeufer"], [
        "Social Media", "Social Media", "social media", "Social-Media", "SOCIAL MEDIA"], [
        "", "Instagram für den Betrieb"]),
    "topic:kundengespraech": ("general", [None, "verkaeufer", "kfz_mechatroniker"], [
        "Kundengespräche", "Kundengespräch", "kundengespräche", "Kundengespräche "], [
        "", "Reklamationen"]),
    "topic:drohnen": ("practice", [None], [
        "Drohnenführerschein", "Drohnenführerschein", "drohnenführerschein"], [
        "", "Dachvermessung"]),
}

# Companies of the set: (name, city, district xml id)
COMPANIES = [
    ("Datensatz Metall Brakel", "Brakel", "qnetz_base.district_hoexter"),
    ("Datensatz Elektro Höxter", "Höxter", "qnetz_base.district_hoexter"),
    ("Datensatz Holz Steinheim", "Steinheim", "qnetz_base.district_hoexter"),
    ("Datensatz Pflege Warburg", "Warburg", "qnetz_base.district_hoexter"),
    ("Datensatz Logistik Beverungen", "Beverungen", "qnetz_base.district_hoexter"),
    ("Datensatz Küche Bad Driburg", "Bad Driburg", "qnetz_base.district_hoexter"),
    ("Datensatz Zerspanung Bevern", "Bevern", "qnetz_base.district_holzminden"),
    ("Datensatz Technik Holzminden", "Holzminden", "qnetz_base.district_holzminden"),
    ("Datensatz Möbel Stadtoldendorf", "Stadtoldendorf", "qnetz_base.district_holzminden"),
    ("Datensatz Senioren Bodenwerder", "Bodenwerder", "qnetz_base.district_holzminden"),
    ("Datensatz Lager Eschershausen", "Eschershausen", "qnetz_base.district_holzminden"),
    ("Datensatz Genuss Delligsen", "Delligsen", "qnetz_base.district_holzminden"),
]
PLACES = ("either", "either", "hoexter", "holzminden")
TIMES = ("any", "evening", "saturday", "block", "school_day")


def generate(count=240, seed=SEED):
    """`count` needs as dicts (without the partner): every label in turn, a wording,
    occupation, note, place and time drawn with a fixed seed. Each dict has the label
    under "label" and the index of its company in COMPANIES under "company"."""
    rng = random.Random(seed)
    labels = sorted(LABELS)
    needs = []
    for index in range(count):
        label = labels[index % len(labels)]
        area, occupations, wordings, notes = LABELS[label]
        needs.append({
            "label": label,
            "company": rng.randrange(len(COMPANIES)),
            "area": area,
            "occupation": rng.choice(occupations),
            "topic": rng.choice(wordings),
            "description": rng.choice(notes) or False,
            "participant_count": rng.choice((1, 1, 1, 2, 2, 3)),
            "preferred_place": rng.choice(PLACES),
            "preferred_time": rng.choice(TIMES),
        })
    return needs


def pair_scores(expected, predicted):
    """Pairwise precision and recall of a grouping: over all pairs of needs, those put
    together by the proposal (predicted) against those a coordinator puts together
    (expected). Both map a need's key to its group. Counted from the contingency table,
    so that 100,000 needs cost no more than a pass over them."""
    def pairs(count):
        return count * (count - 1) // 2
    cells, wanted, found = Counter(), Counter(), Counter()
    for key, group in expected.items():
        cells[(group, predicted.get(key))] += 1
        wanted[group] += 1
        found[predicted.get(key)] += 1
    hits = sum(pairs(n) for n in cells.values())
    wanted_pairs = sum(pairs(n) for n in wanted.values())
    found_pairs = sum(pairs(n) for n in found.values())
    precision = hits / found_pairs if found_pairs else 1.0
    recall = hits / wanted_pairs if wanted_pairs else 1.0
    return precision, recall


def load(env, count=240, seed=SEED, qualify=True):
    """Create the companies and needs of the set in `env`. Returns {need id: label}."""
    Partner = env["res.partner"]
    companies = [Partner.create({
        "name": name, "is_company": True, "is_training_company": True, "city": city,
        "district_id": env.ref(district).id}) for name, city, district in COMPANIES]
    Need = env["qnetz.need"].with_context(tracking_disable=True, mail_notrack=True,
                                          mail_create_nolog=True)
    labels = {}
    for values in generate(count, seed):
        occupation = values["occupation"]
        need = Need.create({
            "partner_id": companies[values["company"]].id,
            "area": values["area"],
            "topic": values["topic"],
            "description": values["description"],
            "occupation_id": env.ref(OCCUPATION + occupation).id if occupation else False,
            "participant_count": values["participant_count"],
            "preferred_place": values["preferred_place"],
            "preferred_time": values["preferred_time"],
        })
        labels[need.id] = values["label"]
    if qualify:
        Need.browse(list(labels)).action_qualify()
    return labels


def score(env, labels):
    """(precision, recall, module accuracy) of the proposals' grouping of these needs."""
    env.cr.execute("SELECT need_id, group_key FROM qnetz_bundle_assignment "
                   "WHERE need_id IN %s", (tuple(labels),))
    predicted = dict(env.cr.fetchall())
    precision, recall = pair_scores(labels, predicted)
    modules = {need.id: need.module_id for need in env["qnetz.need"].browse(list(labels))}
    expected_modules = [(need_id, label) for need_id, label in labels.items()
                        if not label.startswith("topic:")]
    right = sum(1 for need_id, label in expected_modules
                if modules[need_id] == env.ref(label))
    return precision, recall, right / len(expected_modules)


def mistakes(env, labels):
    """The needs whose module is not the labelled one: for tuning the catalogue."""
    wrong = []
    for need in env["qnetz.need"].browse(list(labels)):
        label = labels[need.id]
        expected = env["qnetz.course.module"] if label.startswith("topic:") else env.ref(label)
        if need.module_id != expected:
            wrong.append((need.topic, need.description, need.occupation_id.name,
                          label, need.module_id.name, need.match_score))
    return wrong
