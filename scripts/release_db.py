"""Creates a database with the qnetz addons of an earlier release, as its users have it.

    python scripts/release_db.py CONFIG DBNAME [COMMIT]

The addons are taken from the git history (`git archive COMMIT`) into
.odoo/releases/COMMIT/, and installed with demo data by scripts/init_db.py through a
configuration that is CONFIG with only the addons path changed: same server, same
filestore. Updating that database with the current code (`init_db.py CONFIG DBNAME`)
is what an installation of that release goes through; tests/test_release_upgrade.py
checks that nothing is lost on the way.
"""
import configparser
import io
import os
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("qnetz_base", "qnetz_courses", "qnetz_guide", "qnetz_portal")
# The release the upgrade test starts from: landed on 2026-11-26 with the addons at
# 11.0.1.1.0, before the renames of 11.0.1.2.0 and the moves of 11.0.1.3.0, so that every
# migration of the addons runs. Move it on when a release's migrations are retired.
RELEASE = "23a3096abc641c7f77a832a9215334534ac44999"


def extract(commit):
    """The release's addons in a folder of their own; returns that folder."""
    target = os.path.join(ROOT, ".odoo", "releases", commit)
    if not os.path.isdir(os.path.join(target, ADDONS[0])):
        try:
            archive = subprocess.check_output(
                ["git", "-C", ROOT, "archive", "--format=tar", commit] + list(ADDONS))
        except (OSError, subprocess.CalledProcessError):
            sys.exit("error: release %s is not in this clone's git history "
                     "(a shallow clone? run `git fetch --unshallow`)." % commit)
        os.makedirs(target, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target)
    return target


def release_config(config, addons_dir):
    """CONFIG with the release's addons in front of Odoo's; written beside them."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(config)
    paths = [p for p in parser["options"]["addons_path"].split(",")
             if os.path.abspath(p) != ROOT]
    parser["options"]["addons_path"] = ",".join([addons_dir] + paths)
    path = os.path.join(addons_dir, "odoo.conf")
    with open(path, "w") as handle:
        parser.write(handle)
    return path


def main(config, dbname, commit=RELEASE):
    addons_dir = extract(commit)
    conf = release_config(config, addons_dir)
    cmd = [sys.executable, os.path.join(ROOT, "scripts", "init_db.py"), conf, dbname, "--reset"]
    return subprocess.call(cmd)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
