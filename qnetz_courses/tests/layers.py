"""Reads qnetz_courses' code and lists every reference from a feature to a feature above it.

A feature (a folder named in ``qnetz_courses.FEATURES``) owns the models it defines, the
stock models it is the lowest feature to extend, and the XML ids its files define. A
reference is what Odoo resolves through its registry or its XML ids, invisible to imports:

- Python: imports of another feature's module; any string that is a model name of ours
  (``self.env["qnetz.project"]``, a comodel, ``"res_model": ...``) or ``qnetz_courses.<xml id>``;
- XML: ``ref``, ``inherit_id``, ``parent``, ``action``, ``groups``, ``t-call``, ``ref('...')``
  and ``%(...)d`` in attributes and text, model names in ``model`` attributes and in the
  ``model`` / ``res_model`` / ``src_model`` fields;
- CSV: the ``model_id:id`` and ``group_id:id`` columns.

A feature may use the ones below it, never the ones above it.
"""
import ast
import collections
import csv
import os
import re

from lxml import etree

Violation = collections.namedtuple("Violation", "path line feature target_feature what")

ADDON = "qnetz_courses"
XML_ID_ATTRIBUTES = ("ref", "parent", "action", "inherit_id")
MODEL_FIELDS = ("model", "res_model", "src_model")
EVAL_REF = re.compile(r"ref\(\s*['\"]([\w.]+)['\"]\s*\)")
PERCENT_REF = re.compile(r"%\(([\w.]+)\)d")
ADDON_XML_ID = re.compile(r"\b%s\.(\w+)" % ADDON)


def _feature_files(root, features):
    for feature in features:
        for folder, dirs, names in os.walk(os.path.join(root, feature)):
            # an evaluation set (bundling/evaluation, issue 23) is no addon data: its CSV
            # files are measured against, never loaded, and name no features
            dirs[:] = sorted(name for name in dirs if name != "evaluation")
            for name in sorted(names):
                if name.endswith((".py", ".xml", ".csv")):
                    yield feature, os.path.join(folder, name)


def _class_assignments(tree):
    """(node, _name, [_inherit...]) for every class body of a Python file."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        values = {}
        for statement in node.body:
            if (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)
                    and statement.targets[0].id in ("_name", "_inherit")):
                value = statement.value
                if isinstance(value, ast.Str):
                    values[statement.targets[0].id] = [value.s]
                elif isinstance(value, (ast.List, ast.Tuple)):
                    values[statement.targets[0].id] = [
                        elt.s for elt in value.elts if isinstance(elt, ast.Str)]
        if values:
            yield node, (values.get("_name") or [None])[0], values.get("_inherit") or []


def _local_xml_id(value):
    """The XML id of ours a reference names, or None for another addon's."""
    if "." not in value:
        return value
    module, name = value.split(".", 1)
    return name if module == ADDON else None


class Layers(object):
    """The ownership of models and XML ids in a qnetz_courses tree, and its references."""

    def __init__(self, root, features):
        self.root = root
        self.features = tuple(features)
        self.model_owner = {}
        self.xml_id_owner = {}
        self._read_owners()

    def rank(self, feature):
        return self.features.index(feature)

    def _own(self, table, key, feature):
        if key not in table or self.rank(feature) < self.rank(table[key]):
            table[key] = feature

    def _read_owners(self):
        defined = {}
        for feature, path in _feature_files(self.root, self.features):
            if path.endswith(".py"):
                with open(path, encoding="utf-8") as handle:
                    tree = ast.parse(handle.read(), path)
                for _node, name, inherits in _class_assignments(tree):
                    if name and name not in inherits:
                        defined[name] = feature
                    else:
                        for inherited in inherits:
                            self._own(self.model_owner, inherited, feature)
            elif path.endswith(".xml"):
                for element in etree.parse(path).iter(tag=etree.Element):
                    if element.get("id") and element.tag != "field":
                        xml_id = _local_xml_id(element.get("id"))
                        if xml_id:
                            self._own(self.xml_id_owner, xml_id, feature)
            elif path.endswith(".csv"):
                with open(path, encoding="utf-8") as handle:
                    for row in csv.DictReader(handle):
                        self._own(self.xml_id_owner, row["id"], feature)
        # A model we define belongs to its feature, even where a lower one extends it.
        self.model_owner.update(defined)
        for model, feature in self.model_owner.items():
            self._own(self.xml_id_owner, "model_" + model.replace(".", "_"), feature)

    # references -------------------------------------------------------------------------
    def violations(self):
        found = []
        for feature, path in _feature_files(self.root, self.features):
            if path.endswith(".py"):
                references = self._python_references(path)
            elif path.endswith(".xml"):
                references = self._xml_references(path)
            else:
                references = self._csv_references(path)
            for line, target, what in references:
                if target and self.rank(target) > self.rank(feature):
                    found.append(Violation(
                        os.path.relpath(path, self.root), line, feature, target, what))
        return found

    def _model(self, name):
        return self.model_owner.get(name)

    def _xml_id(self, value):
        xml_id = _local_xml_id(value)
        return self.xml_id_owner.get(xml_id) if xml_id else None

    def _python_references(self, path):
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        package = os.path.relpath(os.path.dirname(path), self.root).split(os.sep)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package[:len(package) - node.level + 1] if node.level > 1 \
                        else list(package)
                    parts += (node.module or "").split(".") if node.module else []
                elif (node.module or "").startswith("odoo.addons.%s." % ADDON):
                    parts = node.module.split(".")[3:]
                else:
                    continue
                if parts and parts[0] in self.features:
                    yield node.lineno, parts[0], "import %s" % ".".join(parts)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[:3] == ["odoo", "addons", ADDON] and len(parts) > 3 \
                            and parts[3] in self.features:
                        yield node.lineno, parts[3], "import %s" % alias.name
            elif isinstance(node, ast.Str):
                target = self._model(node.s)
                if target:
                    yield node.lineno, target, "model %s" % node.s
                for xml_id in ADDON_XML_ID.findall(node.s):
                    target = self.xml_id_owner.get(xml_id)
                    if target:
                        yield node.lineno, target, "xml id %s" % xml_id

    def _xml_texts(self, element):
        for name, value in element.attrib.items():
            yield name, value
        if element.text and element.text.strip():
            yield None, element.text

    def _xml_references(self, path):
        for element in etree.parse(path).iter(tag=etree.Element):
            line = element.sourceline
            for name in XML_ID_ATTRIBUTES:
                if element.get(name):
                    target = self._xml_id(element.get(name))
                    if target:
                        yield line, target, "%s=%s" % (name, element.get(name))
            for group in (element.get("groups") or "").split(","):
                target = self._xml_id(group.strip().lstrip("!")) if group.strip() else None
                if target:
                    yield line, target, "groups=%s" % group
            if element.get("t-call"):
                target = self._xml_id(element.get("t-call"))
                if target:
                    yield line, target, "t-call=%s" % element.get("t-call")
            if element.tag == "record" and self._model(element.get("model")):
                yield line, self._model(element.get("model")), "record of %s" % element.get(
                    "model")
            if element.tag == "field" and element.get("name") in MODEL_FIELDS \
                    and element.text and self._model(element.text.strip()):
                yield line, self._model(element.text.strip()), "%s %s" % (
                    element.get("name"), element.text.strip())
            for _name, value in self._xml_texts(element):
                named = {_local_xml_id(xml_id) for xml_id in
                         EVAL_REF.findall(value) + PERCENT_REF.findall(value)}
                named |= set(ADDON_XML_ID.findall(value))
                for xml_id in sorted(named - {None}):
                    target = self.xml_id_owner.get(xml_id)
                    if target:
                        yield line, target, "ref %s" % xml_id

    def _csv_references(self, path):
        with open(path, encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                for column in ("model_id:id", "group_id:id"):
                    target = self._xml_id(row.get(column) or "")
                    if target:
                        yield number, target, "%s %s" % (column, row[column])
