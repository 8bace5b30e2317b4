"""Word lists of the matcher (bundling/matcher.py) that hold for any catalogue: how
requesters write a word the catalogue spells otherwise, and how German names an
occupation. Plain data; each list names where it comes from. The words a module is
known by belong to the module (its keywords and synonyms), not here.

Written from general knowledge of the language, never from the wording of the
evaluation set (bundling/evaluation/).
"""

# English words of the trades and of training, as refugees and international staff write
# them, with the German word a catalogue uses. Source: the German-English vocabulary of
# the recognised occupations' training regulations (BIBB "Ausbildungsberufe" English
# titles and framework plans) and common dictionary translations (e.g. dict.cc).
ENGLISH = {
    "milling": "fräsen", "mill": "fräsen", "turning": "drehen", "lathe": "drehmaschine",
    "welding": "schweißen", "weld": "schweißen", "welder": "schweißen",
    "machine": "maschine", "machines": "maschine",
    "drilling": "bohren", "filing": "feilen", "sawing": "sägen",
    "measuring": "messen", "measurement": "messen", "gauge": "messen",
    "drawing": "zeichnen", "drawings": "zeichnen", "blueprint": "zeichnung",
    "materials": "werkstoffkunde", "steel": "stahl", "metal": "metall",
    "programming": "programmierung", "program": "programmieren",
    "hydraulics": "hydraulik", "pneumatics": "pneumatik",
    "electrical": "elektrotechnik", "electricity": "elektrotechnik",
    "electrician": "elektro", "electronics": "elektronik", "wiring": "verdrahtung",
    "solar": "photovoltaik", "photovoltaic": "photovoltaik",
    "plc": "sps", "automation": "automatisierungstechnik",
    "wood": "holz", "woodworking": "holzbearbeitung", "carpentry": "tischler",
    "carpenter": "tischler", "joiner": "tischler", "furniture": "möbel",
    "varnish": "lackieren", "painting": "lackieren", "sanding": "schleifen",
    "kitchen": "küche", "cooking": "kochen", "cook": "koch", "chef": "koch",
    "baking": "backen", "baker": "bäcker", "bakery": "bäckerei", "bread": "brot",
    "dough": "teig", "sourdough": "sauerteig", "pastry": "konditorei", "cake": "torten",
    "butcher": "fleischer", "meat": "fleisch", "sausage": "wurst", "pork": "schwein",
    "beef": "rind", "hygiene": "hygiene", "sales": "verkauf", "counter": "theke",
    "warehouse": "lager", "storage": "lager", "picking": "kommissionieren",
    "forklift": "stapler", "shipping": "versand", "logistics": "logistik",
    "dangerous": "gefahrgut", "hazardous": "gefahrgut", "cargo": "ladung",
    "car": "kfz", "cars": "kfz", "vehicle": "fahrzeug", "vehicles": "fahrzeug",
    "automotive": "kfz", "engine": "motor", "brakes": "bremsen", "brake": "bremsen",
    "diagnosis": "diagnose", "diagnostics": "diagnose", "voltage": "spannung",
    "care": "pflege", "nursing": "pflege", "nurse": "pflege", "elderly": "altenpflege",
    "dementia": "demenz", "medication": "medikamente", "anatomy": "anatomie",
    "documentation": "dokumentation", "hotel": "hotel", "restaurant": "restaurant",
    "waiter": "service", "reception": "empfang", "guests": "gäste",
    "office": "büro", "accounting": "buchführung", "bookkeeping": "buchführung",
    "invoice": "rechnung", "letters": "geschäftsbriefe", "computer": "computer",
    "maths": "mathe", "math": "mathe", "mathematics": "mathematik",
    "calculation": "rechnen", "calculating": "rechnen", "percentages": "prozentrechnung",
    "fractions": "bruchrechnen",
    "german": "deutsch", "english": "englisch", "reading": "lesen", "writing": "schreiben",
    "spelling": "rechtschreibung", "grammar": "grammatik", "vocabulary": "fachwortschatz",
    "exam": "prüfung", "exams": "prüfung", "examination": "prüfung",
    "prepare": "prüfungsvorbereitung",
    "preparation": "prüfungsvorbereitung", "nervous": "prüfungsangst",
    "safety": "sicherheit", "teamwork": "teamarbeit", "communication": "kommunikation",
    "customers": "kunden", "customer": "kunden", "behaviour": "umgangsformen",
    "behavior": "umgangsformen",
}

# Abbreviations of training and the trades as trainers write them. Source: the usage of
# the chambers' and the BA's pages (ZP/AP for the examinations, DaZ of the KMK's
# "Deutsch als Zweitsprache") and Duden's list of abbreviations.
ABBREVIATIONS = {
    "zp": "zwischenprüfung", "ap": "abschlussprüfung", "gp": "gesellenprüfung",
    "daz": "deutsch", "dok": "dokumentation", "doku": "dokumentation",
    "tech": "technisch", "techn": "technisch", "elektr": "elektro",
    "fibu": "finanzbuchhaltung", "buha": "buchhaltung", "rewe": "rechnungswesen",
    "edv": "computer", "hv": "hochvolt", "pv": "photovoltaik",
    "kfz": "kraftfahrzeug", "ehand": "elektrodenschweißen",
    "wig": "wig", "mag": "mag", "mig": "mig",
}

# How German names an occupation: the endings of the recognised occupations' names
# (BIBB, "Verzeichnis der anerkannten Ausbildungsberufe"), folded (bundling/matcher.py
# fold()). A word of the need with such an ending that is no occupation of the network
# names an occupation the catalogue does not serve ("Steuerfachangestellte").
OCCUPATION_ENDINGS = (
    "mechaniker", "mechanikerin", "elektroniker", "elektronikerin", "techniker",
    "technikerin", "kaufmann", "kauffrau", "kaufleute", "angestellte", "angestellter",
    "fachkraft", "fachkrafte", "fachmann", "fachfrau", "fachleute", "zeichner",
    "zeichnerin", "gartner", "gartnerin", "informatiker", "informatikerin", "helfer",
    "helferin", "monteur", "monteurin", "assistent", "assistentin", "laborant",
    "laborantin", "technologe", "technologin", "designer", "designerin", "optiker",
    "optikerin", "macher", "macherin", "bauer", "bauerin", "erzieher", "erzieherin",
    "pfleger", "pflegerin", "lackierer", "lackiererin", "leger", "legerin",
)
